package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.UserRepository;
import dev.userservice.domain.port.UserRepositoryContract;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

  @Override
  protected UserRepository newRepository() {
    return new InMemoryUserRepository();
  }
}
