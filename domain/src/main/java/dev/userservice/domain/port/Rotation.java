package dev.userservice.domain.port;

/** The outcome of presenting a refresh token to {@link SessionStore#rotate}. */
public sealed interface Rotation {

  /** The token was current: the successor is now current, at generation {@code generation}. */
  record Rotated(long generation) implements Rotation {}

  /**
   * The token was the one just replaced, presented again inside the grace window (racing
   * refreshes): the successor that was issued for it, as sealed by the caller, is returned.
   */
  record Replayed(long generation, byte[] sealedSuccessor) implements Rotation {}

  /**
   * A retired token that this session really issued, presented again outside the grace window:
   * the whole session has been revoked.
   */
  record ReuseDetected() implements Rotation {}

  /**
   * No such live session, or the token does not belong to it: nothing was changed (but a session
   * past its maximum lifetime has been removed).
   */
  record Invalid() implements Rotation {}

  /**
   * The token was current, but the session was started with other {@code methods} than the
   * caller assumed when it made the successor: nothing was changed; the caller makes the
   * successor again with these methods and presents the token again.
   */
  record MethodsDiffer(dev.userservice.domain.AuthMethods methods) implements Rotation {}
}
