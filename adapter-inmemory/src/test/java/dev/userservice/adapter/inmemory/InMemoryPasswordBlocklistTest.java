package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.PasswordBlocklist;
import dev.userservice.domain.port.PasswordBlocklistContract;

class InMemoryPasswordBlocklistTest extends PasswordBlocklistContract {

  @Override
  protected PasswordBlocklist blocklist() {
    return new InMemoryPasswordBlocklist(COMMON);
  }
}
