package dev.userservice.application;

import java.time.Instant;
import java.util.Objects;

/** What a right password earns: a session, or, when the account has a second factor, a challenge. */
public sealed interface LoginResult {

  /** The account has no second factor: the session's tokens. */
  record SessionStarted(AuthTokens tokens) implements LoginResult {
    public SessionStarted {
      Objects.requireNonNull(tokens, "tokens");
    }
  }

  /**
   * The account has a second factor: no session yet. {@link CompleteLogin} starts one for the
   * {@code challenge} and a one-time password or recovery code, until {@code expiresAt}.
   */
  record SecondFactorRequired(String challenge, Instant expiresAt) implements LoginResult {
    public SecondFactorRequired {
      Objects.requireNonNull(challenge, "challenge");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "SecondFactorRequired[expiresAt=" + expiresAt + "]";
    }
  }
}
