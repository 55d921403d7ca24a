package dev.userservice.domain;

/**
 * The one family of errors the domain, the use cases and the ports throw. The HTTP adapter maps
 * each subclass to one status, once; an embedding application can switch over them.
 */
public abstract sealed class DomainException extends RuntimeException
    permits InvalidInputException, InvalidCodeException, UnauthenticatedException,
        ForbiddenException, NotFoundException, ConflictException, ThrottledException,
        UnavailableException, OAuthException {

  private static final long serialVersionUID = 1L;

  protected DomainException(String message) {
    super(message);
  }

  protected DomainException(String message, Throwable cause) {
    super(message, cause);
  }
}
