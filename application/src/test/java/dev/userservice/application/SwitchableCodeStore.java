package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.GuessCap;
import java.time.Duration;
import java.time.Instant;

/**
 * A code store that can be switched off to play a Redis that is down: while it is, every call
 * throws {@link UnavailableException}, as the Redis adapter's do.
 */
final class SwitchableCodeStore implements CodeStore {

  private final CodeStore delegate;
  private volatile boolean down;

  SwitchableCodeStore(CodeStore delegate) {
    this.delegate = delegate;
  }

  void down(boolean isDown) {
    this.down = isDown;
  }

  private CodeStore up() {
    if (down) {
      throw new UnavailableException("redis", null);
    }
    return delegate;
  }

  @Override
  public void saveCode(UserId user, CodePurpose purpose, String codeHash, Instant expiresAt) {
    up().saveCode(user, purpose, codeHash, expiresAt);
  }

  @Override
  public CodeCheck checkCode(UserId user, CodePurpose purpose, String codeHash, int maxAttempts,
      GuessCap cap, Instant now) {
    return up().checkCode(user, purpose, codeHash, maxAttempts, cap, now);
  }

  @Override
  public Duration codeLockout(UserId user, CodePurpose purpose, Instant now) {
    return up().codeLockout(user, purpose, now);
  }

  @Override
  public void deleteCodes(UserId user) {
    up().deleteCodes(user);
  }
}
