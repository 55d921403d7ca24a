package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.ConsoleSessions;
import dev.userservice.domain.port.ConsoleSessionsContract;

class InMemoryConsoleSessionsTest extends ConsoleSessionsContract {

  @Override
  protected ConsoleSessions newStore() {
    return new InMemoryConsoleSessions();
  }
}
