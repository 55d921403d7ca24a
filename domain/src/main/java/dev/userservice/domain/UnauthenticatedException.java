package dev.userservice.domain;

/**
 * The caller could not be identified: wrong credentials, or a missing, invalid, expired or revoked
 * token. The message never says which, so it cannot be used to probe for accounts.
 */
public final class UnauthenticatedException extends DomainException {

  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message);
  }
}
