package dev.userservice.adapter.redis;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.Sha256;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.Rotation;
import dev.userservice.domain.port.SessionInfo;
import dev.userservice.domain.port.SessionLimits;
import dev.userservice.domain.port.SessionOrigin;
import dev.userservice.domain.port.TokenStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link TokenStore} on Redis. Every change that reads before it writes is one Lua script, so it
 * is atomic and takes one round trip; the caller's {@code now} decides every expiry, and key TTLs
 * only clean up.
 *
 * <p>Keys, after the configured prefix; the part in braces is the hash tag, so the keys one
 * script touches share a cluster slot:
 * <ul>
 *   <li>{@code user:{<user id>}:session:<session id>} — hash: user, gen, cur (hash of the current
 *       refresh token), prev, rot (when prev was replaced), sealed (base64 successor), old (the
 *       hashes of the last {@value TokenStore#RETIRED_TOKENS_REMEMBERED} retired tokens, newest
 *       first, separated by spaces; refresh hashes are hex), created, exp, rev (the user's
 *       cache revision, set at the user's first change during the session; until then the
 *       revision is derived from the session id), addr and agent (client address and user agent
 *       at login, absent when unknown), amr ({@code otp} when the login passed the second
 *       factor, absent otherwise)
 *   <li>{@code user:{<user id>}:sessions} — sorted set of the user's session ids by expiry, never
 *       more than the user's cap
 *   <li>{@code user:{<user id>}:code:<purpose>} — hash: hash (keyed, never the code), exp, misses
 *   <li>{@code user:{<user id>}:guesses:<purpose>} — hash: misses and since (the wrong guesses
 *       counted against the cap across codes, and when their window began), locks, until
 *   <li>{@code user:{<user id>}:used:<use>} — a use marked spent ({@link #useOnce}): its
 *       expiry (ms)
 *   <li>{@code rate:{<sha-256 of the bucket>}} — sorted set, one entry per counted event
 *   <li>{@code login:{<sha-256 of the account or address>}} — hash: count, last, blocked
 *       (until)
 * </ul>
 * Bucket and account names are hashed because they carry client addresses and email addresses,
 * which have no business in key names, and because they could contain braces.
 */
@Singleton
public final class RedisTokenStore implements TokenStore {

  // How long after a code's expiry (by Redis's clock) its key may linger before Redis drops it.
  private static final Duration CODE_CLEANUP_MARGIN = Duration.ofHours(1);

  private static final LuaScript CREATE_SESSION = LuaScript.load("create_session");
  private static final LuaScript ROTATE = LuaScript.load("rotate");
  private static final LuaScript REVOKE_SESSION = LuaScript.load("revoke_session");
  private static final LuaScript REVOKE_ALL_SESSIONS = LuaScript.load("revoke_all_sessions");
  private static final LuaScript LIST_SESSIONS = LuaScript.load("list_sessions");
  private static final LuaScript NEW_REVISION = LuaScript.load("new_revision");
  private static final LuaScript SAVE_CODE = LuaScript.load("save_code");
  private static final LuaScript CHECK_CODE = LuaScript.load("check_code");
  private static final LuaScript TRY_ACQUIRE = LuaScript.load("try_acquire");
  private static final LuaScript REVOKE_SESSION_WITH_TOKEN =
      LuaScript.load("revoke_session_with_token");
  private static final LuaScript RESERVE_LOGIN_ATTEMPT = LuaScript.load("reserve_login_attempt");
  private static final LuaScript REFUND_LOGIN_ATTEMPT = LuaScript.load("refund_login_attempt");
  private static final LuaScript USE_ONCE = LuaScript.load("use_once");

  private final RedisConnection redis;
  private final String prefix;

  /**
   * A store on {@code redis}, using its key prefix. Loads the scripts now if Redis answers; if it
   * does not, they are sent on first use.
   */
  @Inject
  public RedisTokenStore(RedisConnection redis) {
    this.redis = redis;
    this.prefix = redis.keyPrefix();
    try {
      redis.preload(List.of(CREATE_SESSION, ROTATE, REVOKE_SESSION, REVOKE_ALL_SESSIONS,
          NEW_REVISION, SAVE_CODE, CHECK_CODE, TRY_ACQUIRE, REVOKE_SESSION_WITH_TOKEN,
          RESERVE_LOGIN_ATTEMPT, REFUND_LOGIN_ATTEMPT, LIST_SESSIONS, USE_ONCE));
    } catch (UnavailableException e) {
      // EVALSHA falls back to EVAL, so a store made during an outage still works afterwards.
    }
  }

  // --- sessions -------------------------------------------------------------------------------

  @Override
  public void createSession(UserId user, SessionId session, String refreshHash, Instant now,
      SessionLimits limits, SessionOrigin origin) {
    redis.eval(CREATE_SESSION, ScriptOutputType.INTEGER,
        keys(sessionKey(user, session), sessionIndexKey(user)),
        session.value(), refreshHash, millis(now), millis(limits.ttl()), user.toString(),
        sessionKeyPrefix(user), millis(limits.maxLifetime()),
        Integer.toString(limits.maxPerUser()), orEmpty(origin.clientAddress()),
        orEmpty(origin.userAgent()), amr(origin.methods()));
  }

  @Override
  public List<SessionInfo> listSessions(UserId user, Instant now) {
    List<Object> rows = redis.eval(LIST_SESSIONS, ScriptOutputType.MULTI,
        keys(sessionIndexKey(user)), sessionKeyPrefix(user), millis(now));
    List<SessionInfo> sessions = new ArrayList<>(rows.size());
    for (Object row : rows) {
      // Lua's false (an absent field) arrives as null.
      List<?> fields = (List<?>) row;
      sessions.add(new SessionInfo(new SessionId((String) fields.get(0)),
          instant(fields.get(1)), instant(fields.get(2)), instant(fields.get(3)),
          new SessionOrigin((String) fields.get(4), (String) fields.get(5),
              "otp".equals(fields.get(6)) ? AuthMethods.PASSWORD_AND_OTP : AuthMethods.PASSWORD)));
    }
    return sessions;
  }

  @Override
  public Rotation rotate(UserId user, SessionId session, long generation, String presentedHash,
      String successorHash, byte[] sealedSuccessor, Instant now, Duration grace,
      SessionLimits limits, AuthMethods methods) {
    List<Object> result = redis.eval(ROTATE, ScriptOutputType.MULTI,
        keys(sessionKey(user, session), sessionIndexKey(user)),
        Long.toString(generation), presentedHash, successorHash,
        Base64.getEncoder().encodeToString(sealedSuccessor), millis(now), millis(grace),
        millis(limits.ttl()), session.value(), millis(limits.maxLifetime()),
        Integer.toString(RETIRED_TOKENS_REMEMBERED), amr(methods));
    String outcome = (String) result.get(0);
    return switch (outcome) {
      case "rotated" -> new Rotation.Rotated(Long.parseLong((String) result.get(1)));
      case "replayed" -> new Rotation.Replayed(Long.parseLong((String) result.get(1)),
          Base64.getDecoder().decode((String) result.get(2)));
      case "reuse" -> new Rotation.ReuseDetected();
      case "invalid" -> new Rotation.Invalid();
      case "methods" -> new Rotation.MethodsDiffer("otp".equals(result.get(1))
          ? AuthMethods.PASSWORD_AND_OTP : AuthMethods.PASSWORD);
      default -> throw new IllegalStateException("unexpected rotation outcome " + outcome);
    };
  }

  @Override
  public Optional<String> liveSessionCacheRevision(UserId user, SessionId session) {
    String key = sessionKey(user, session);
    List<KeyValue<String, String>> fields = redis.call(c -> c.hmget(key, "user", "rev"));
    if (!fields.get(0).hasValue()) {
      return Optional.empty();
    }
    // No "rev" until the user's first change in this session: the session's own id then serves,
    // as no other session reports it and changes only ever write random ones.
    return Optional.of(fields.get(1).getValueOrElse("session:" + session.value()));
  }

  @Override
  public void renewCacheRevision(UserId user) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String revision = new UUID(random.nextLong(), random.nextLong()).toString();
    redis.eval(NEW_REVISION, ScriptOutputType.INTEGER, keys(sessionIndexKey(user)),
        sessionKeyPrefix(user), revision);
  }

  @Override
  public boolean revokeSession(UserId user, SessionId session) {
    Long ended = redis.eval(REVOKE_SESSION, ScriptOutputType.INTEGER,
        keys(sessionKey(user, session), sessionIndexKey(user)), session.value());
    return ended == 1L;
  }

  @Override
  public boolean revokeSessionWithToken(UserId user, SessionId session, String presentedHash) {
    Long ended = redis.eval(REVOKE_SESSION_WITH_TOKEN, ScriptOutputType.INTEGER,
        keys(sessionKey(user, session), sessionIndexKey(user)), presentedHash, session.value());
    return ended == 1L;
  }

  @Override
  public void revokeAllSessions(UserId user) {
    redis.eval(REVOKE_ALL_SESSIONS, ScriptOutputType.INTEGER, keys(sessionIndexKey(user)),
        sessionKeyPrefix(user), "");
  }

  @Override
  public void revokeOtherSessions(UserId user, SessionId keep) {
    redis.eval(REVOKE_ALL_SESSIONS, ScriptOutputType.INTEGER, keys(sessionIndexKey(user)),
        sessionKeyPrefix(user), keep.value());
  }

  // --- one-time codes -------------------------------------------------------------------------

  @Override
  public void saveCode(UserId user, CodePurpose purpose, String codeHash, Instant expiresAt) {
    redis.eval(SAVE_CODE, ScriptOutputType.INTEGER, keys(codeKey(user, purpose)),
        codeHash, millis(expiresAt), millis(CODE_CLEANUP_MARGIN));
  }

  @Override
  public CodeCheck checkCode(UserId user, CodePurpose purpose, String codeHash, int maxAttempts,
      GuessCap cap, Instant now) {
    String outcome = redis.eval(CHECK_CODE, ScriptOutputType.VALUE,
        keys(codeKey(user, purpose), guessesKey(user, purpose)),
        codeHash, Integer.toString(maxAttempts), millis(now),
        cap == null ? "0" : Integer.toString(cap.maxMisses()),
        cap == null ? "0" : millis(cap.window()),
        cap == null ? "0" : millis(cap.firstLockout()),
        cap == null ? "0" : millis(cap.maxLockout()));
    return switch (outcome) {
      case "accepted" -> CodeCheck.ACCEPTED;
      case "wrong" -> CodeCheck.WRONG;
      case "exhausted" -> CodeCheck.EXHAUSTED;
      case "expired" -> CodeCheck.EXPIRED;
      case "cap_reached" -> CodeCheck.CAP_REACHED;
      case "locked" -> CodeCheck.LOCKED;
      default -> throw new IllegalStateException("unexpected code check outcome " + outcome);
    };
  }

  @Override
  public Duration codeLockout(UserId user, CodePurpose purpose, Instant now) {
    String key = guessesKey(user, purpose);
    String lockedUntil = redis.call(c -> c.hget(key, "until"));
    if (lockedUntil == null) {
      return Duration.ZERO;
    }
    long remaining = Long.parseLong(lockedUntil) - now.toEpochMilli();
    return remaining > 0 ? Duration.ofMillis(remaining) : Duration.ZERO;
  }

  @Override
  public boolean useOnce(UserId user, String use, Instant expiresAt, Instant now) {
    Long first = redis.eval(USE_ONCE, ScriptOutputType.INTEGER,
        keys(userKeyPrefix(user) + "used:" + use), millis(now), millis(expiresAt));
    return first == 1L;
  }

  /** The session hash's {@code amr} field: what the login proved beyond the password. */
  private static String amr(AuthMethods methods) {
    return methods.secondFactor() ? "otp" : "";
  }

  @Override
  public void deleteCodes(UserId user) {
    String[] keys = new String[CodePurpose.values().length];
    for (CodePurpose purpose : CodePurpose.values()) {
      keys[purpose.ordinal()] = codeKey(user, purpose);
    }
    redis.call(c -> c.del(keys));
  }

  @Override
  public void forgetUser(UserId user) {
    List<String> keys = new ArrayList<>(2 * CodePurpose.values().length);
    for (CodePurpose purpose : CodePurpose.values()) {
      keys.add(codeKey(user, purpose));
      keys.add(guessesKey(user, purpose));
    }
    redis.call(c -> c.del(keys.toArray(String[]::new)));
  }

  // --- throttles ------------------------------------------------------------------------------

  @Override
  public Optional<Duration> tryAcquire(String bucket, List<RateLimit> limits, Instant now) {
    if (limits.isEmpty()) {
      return Optional.empty();
    }
    List<String> args = new ArrayList<>(2 + 2 * limits.size());
    args.add(millis(now));
    // Several instances may count an event in the same millisecond: members must not collide.
    args.add(millis(now) + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    for (RateLimit limit : limits) {
      args.add(Integer.toString(limit.max()));
      args.add(millis(limit.window()));
    }
    Long wait = redis.eval(TRY_ACQUIRE, ScriptOutputType.INTEGER, keys(rateKey(bucket)),
        args.toArray(String[]::new));
    return wait == 0L ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
  }

  @Override
  public Optional<Duration> reserveLoginAttempt(String key, int freeFailures, Duration window,
      Instant now) {
    Long wait = redis.eval(RESERVE_LOGIN_ATTEMPT, ScriptOutputType.INTEGER, keys(loginKey(key)),
        Integer.toString(freeFailures), millis(window), millis(now));
    return wait == 0L ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
  }

  @Override
  public void loginSucceeded(String account, String address) {
    String accountKey = loginKey(account);
    if (address == null) {
      redis.call(c -> c.del(accountKey));
    } else {
      redis.evalAlongside(REFUND_LOGIN_ATTEMPT, keys(loginKey(address)), new String[0],
          c -> c.del(accountKey));
    }
  }

  @Override
  public void clearLoginFailures(String account) {
    String key = loginKey(account);
    redis.call(c -> c.del(key));
  }

  // --- keys -----------------------------------------------------------------------------------

  private String userKeyPrefix(UserId user) {
    return prefix + "user:{" + user + "}:";
  }

  private String sessionKeyPrefix(UserId user) {
    return userKeyPrefix(user) + "session:";
  }

  private String sessionKey(UserId user, SessionId session) {
    return sessionKeyPrefix(user) + session.value();
  }

  private String sessionIndexKey(UserId user) {
    return userKeyPrefix(user) + "sessions";
  }

  private String codeKey(UserId user, CodePurpose purpose) {
    return userKeyPrefix(user) + "code:" + purpose.name().toLowerCase(Locale.ROOT);
  }

  private String guessesKey(UserId user, CodePurpose purpose) {
    return userKeyPrefix(user) + "guesses:" + purpose.name().toLowerCase(Locale.ROOT);
  }

  private String rateKey(String bucket) {
    return prefix + "rate:{" + Sha256.hex(bucket) + "}";
  }

  private String loginKey(String account) {
    return prefix + "login:{" + Sha256.hex(account) + "}";
  }

  private static String[] keys(String... keys) {
    return keys;
  }

  private static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }

  private static Instant instant(Object millis) {
    return millis == null ? null : Instant.ofEpochMilli(Long.parseLong((String) millis));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String millis(Duration duration) {
    return Long.toString(duration.toMillis());
  }
}
