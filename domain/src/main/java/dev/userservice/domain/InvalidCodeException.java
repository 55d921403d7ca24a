package dev.userservice.domain;

/** A verification or password-reset code that cannot be accepted, and why. */
public final class InvalidCodeException extends DomainException {

  private static final long serialVersionUID = 1L;

  /** Why the code was refused. */
  public enum Reason {
    /** The code does not match; more attempts remain. */
    WRONG,
    /** No live code: it expired, was used, or was never requested. */
    EXPIRED,
    /** Too many wrong attempts; the code is void and a new one must be requested. */
    EXHAUSTED,
    /**
     * Any of the above, or no such account, or codes locked after too many wrong guesses: the one
     * answer of the unauthenticated password reset, which must not tell accounts apart.
     */
    INVALID
  }

  private final Reason reason;

  public InvalidCodeException(Reason reason) {
    super(switch (reason) {
      case WRONG -> "the code is wrong";
      case EXPIRED -> "the code has expired or was never requested; request a new one";
      case EXHAUSTED -> "too many wrong attempts; request a new code";
      case INVALID -> "the code is wrong or has expired";
    });
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
