package dev.userservice.adapter.http;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.Rotation;
import dev.userservice.domain.port.SessionLimits;
import dev.userservice.domain.port.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The in-memory token store, which can be switched off to play a Redis that is down. */
final class SwitchableTokenStore implements TokenStore {

  private final TokenStore delegate;
  private volatile boolean down;

  SwitchableTokenStore(TokenStore delegate) {
    this.delegate = delegate;
  }

  void down(boolean isDown) {
    this.down = isDown;
  }

  private TokenStore up() {
    if (down) {
      throw new UnavailableException("redis", null);
    }
    return delegate;
  }

  @Override
  public void createSession(UserId user, SessionId session, String refreshHash, Instant now,
      SessionLimits limits) {
    up().createSession(user, session, refreshHash, now, limits);
  }

  @Override
  public Rotation rotate(UserId user, SessionId session, long generation, String presentedHash,
      String successorHash, byte[] sealedSuccessor, Instant now, Duration grace,
      SessionLimits limits) {
    return up().rotate(user, session, generation, presentedHash, successorHash, sealedSuccessor,
        now, grace, limits);
  }

  @Override
  public Optional<String> liveSessionCacheRevision(UserId user, SessionId session) {
    return up().liveSessionCacheRevision(user, session);
  }

  @Override
  public void renewCacheRevision(UserId user) {
    up().renewCacheRevision(user);
  }

  @Override
  public void revokeSession(UserId user, SessionId session) {
    up().revokeSession(user, session);
  }

  @Override
  public boolean revokeSessionWithToken(UserId user, SessionId session, String presentedHash) {
    return up().revokeSessionWithToken(user, session, presentedHash);
  }

  @Override
  public void revokeAllSessions(UserId user) {
    up().revokeAllSessions(user);
  }

  @Override
  public void revokeOtherSessions(UserId user, SessionId keep) {
    up().revokeOtherSessions(user, keep);
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

  @Override
  public Optional<Duration> tryAcquire(String bucket, List<RateLimit> limits, Instant now) {
    return up().tryAcquire(bucket, limits, now);
  }

  @Override
  public Optional<Duration> reserveLoginAttempt(String key, int freeFailures, Duration window,
      Instant now) {
    return up().reserveLoginAttempt(key, freeFailures, window, now);
  }

  @Override
  public void loginSucceeded(String account, String address) {
    up().loginSucceeded(account, address);
  }

  @Override
  public void clearLoginFailures(String account) {
    up().clearLoginFailures(account);
  }
}
