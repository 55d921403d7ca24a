package dev.userservice.domain;

/** The caller is known but not allowed to do this. */
public final class ForbiddenException extends DomainException {

  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }
}
