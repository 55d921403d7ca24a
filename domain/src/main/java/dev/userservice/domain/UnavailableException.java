package dev.userservice.domain;

/**
 * A dependency (database, Redis, ...) did not answer in time, or the service is at capacity
 * ({@link #busy}). Nothing was changed that the caller needs to know about; retrying later is
 * safe. Adapters translate their outages into this.
 */
public final class UnavailableException extends DomainException {

  private static final long serialVersionUID = 1L;
  private final String dependency;
  private final boolean busy;

  public UnavailableException(String dependency, Throwable cause) {
    this(dependency, false, dependency + " is unavailable", cause);
  }

  private UnavailableException(String dependency, boolean busy, String message, Throwable cause) {
    super(message, cause);
    this.dependency = dependency;
    this.busy = busy;
  }

  /**
   * {@code resource} of the service itself (the password-hashing queue, say) is full: the request
   * was refused before any work was done, rather than made to wait without limit.
   */
  public static UnavailableException busy(String resource, Throwable cause) {
    return new UnavailableException(resource, true, resource + " is busy", cause);
  }

  public String dependency() {
    return dependency;
  }

  /** Whether this is the service shedding load, not an outage of something it depends on. */
  public boolean busy() {
    return busy;
  }
}
