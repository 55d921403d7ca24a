package dev.userservice.domain.port;

import org.junit.jupiter.api.Nested;

/**
 * What a {@link TokenStore} must do: the contract of each of its roles, run against one store.
 * An adapter's test extends this class and supplies {@link #newStore()}; an adapter that plays
 * one role only extends that role's contract instead.
 */
public abstract class TokenStoreContract {

  /** A store for one test; it may be shared with other tests as long as it works. */
  protected abstract TokenStore newStore();

  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
      return TokenStoreContract.this.newStore();
    }
  }

  @Nested
  class Codes extends CodeStoreContract {
    @Override
    protected CodeStore newStore() {
      return TokenStoreContract.this.newStore();
    }
  }

  @Nested
  class RateLimits extends RateLimiterContract {
    @Override
    protected RateLimiter newStore() {
      return TokenStoreContract.this.newStore();
    }
  }

  @Nested
  class LoginAttempts extends LoginFailuresContract {
    @Override
    protected LoginFailures newStore() {
      return TokenStoreContract.this.newStore();
    }
  }
}
