package dev.userservice.domain;

/** The caller is known but not allowed to do this. */
public final class ForbiddenException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final boolean stepUpRequired;

  public ForbiddenException(String message) {
    this(message, false);
  }

  private ForbiddenException(String message, boolean stepUpRequired) {
    super(message);
    this.stepUpRequired = stepUpRequired;
  }

  /**
   * The account has a second factor and this sensitive action needs a session that passed it:
   * the caller must log in again with the second factor, then retry.
   */
  public static ForbiddenException stepUpRequired() {
    return new ForbiddenException(
        "this action needs a session that passed the second factor; log in again with it", true);
  }

  /** Whether the refusal is {@link #stepUpRequired()}: a fresh login would allow the action. */
  public boolean isStepUpRequired() {
    return stepUpRequired;
  }
}
