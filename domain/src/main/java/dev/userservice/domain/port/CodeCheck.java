package dev.userservice.domain.port;

/** The outcome of presenting a one-time code to {@link CodeStore#checkCode}. */
public enum CodeCheck {
  /** The code matched and has been consumed. */
  ACCEPTED,
  /** Wrong code; the attempt was counted and attempts remain. */
  WRONG,
  /** Wrong code and no attempts remain (or none remained): the code is void. */
  EXHAUSTED,
  /** No live code: never issued, already used, replaced or expired. */
  EXPIRED,
  /**
   * Wrong code, and with it the misses across codes reached the {@link GuessCap}: the purpose is
   * now locked for the user and the code is void. Exactly one check gets this per lock.
   */
  CAP_REACHED,
  /** The purpose is locked for the user by its {@link GuessCap}; the code was not looked at. */
  LOCKED
}
