package dev.userservice.adapter.postgres;

import dev.userservice.domain.port.UserRepository;
import dev.userservice.domain.port.UserRepositoryContract;

/** The {@link UserRepository} contract against PostgreSQL. */
class JooqUserRepositoryTest extends UserRepositoryContract {

  @Override
  protected UserRepository newRepository() {
    TestDatabase.clean();
    return new JooqUserRepository(TestDatabase.get().dsl(), TestDatabase.totpBox());
  }
}
