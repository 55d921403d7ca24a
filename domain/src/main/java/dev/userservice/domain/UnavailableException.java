package dev.userservice.domain;

/**
 * A dependency (database, Redis, ...) did not answer in time. Nothing was changed that the caller
 * needs to know about; retrying later is safe. Adapters translate their outages into this.
 */
public final class UnavailableException extends DomainException {

  private static final long serialVersionUID = 1L;
  private final String dependency;

  public UnavailableException(String dependency, Throwable cause) {
    super(dependency + " is unavailable", cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
