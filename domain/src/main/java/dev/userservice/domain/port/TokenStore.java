package dev.userservice.domain.port;

/**
 * Fast, expiring security state, as one store: the union of the roles {@link SessionStore},
 * {@link CodeStore}, {@link RateLimiter} and {@link LoginFailures}, for adapters that keep them
 * all in one place (Redis, memory). Code that uses the state depends on the role it needs, not
 * on this union. Secrets arrive already hashed; implementations never see a token or a code in
 * clear. Every method is atomic under concurrency (one script or lock, not read-then-write),
 * every entry expires on its own, and every method may throw
 * {@link dev.userservice.domain.UnavailableException} when the store cannot be reached in time.
 * {@code now} is always the caller's clock, so expiry is testable.
 */
public interface TokenStore extends SessionStore, CodeStore, RateLimiter, LoginFailures {}
