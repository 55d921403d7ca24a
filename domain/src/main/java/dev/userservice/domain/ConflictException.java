package dev.userservice.domain;

/**
 * The request clashes with the current state: the email is taken, the edit was based on a stale
 * version, the email is already verified, or the change would leave no administrator.
 */
public final class ConflictException extends DomainException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
