package dev.userservice.domain;

/** The addressed user (or other resource) does not exist. */
public final class NotFoundException extends DomainException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
