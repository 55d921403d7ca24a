package dev.userservice.domain.port;

/** The outcome of presenting a one-time code to {@link TokenStore#checkCode}. */
public enum CodeCheck {
  /** The code matched and has been consumed. */
  ACCEPTED,
  /** Wrong code; the attempt was counted and attempts remain. */
  WRONG,
  /** Wrong code and no attempts remain (or none remained): the code is void. */
  EXHAUSTED,
  /** No live code: never issued, already used, replaced or expired. */
  EXPIRED
}
