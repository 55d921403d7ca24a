package dev.userservice.adapter.redis;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.ConsoleSession;
import dev.userservice.domain.port.ConsoleSessions;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Console sessions in Redis, one hash per session under the hash of its id, so every instance
 * sees the same sessions and a restart signs nobody out. Each use is one script: it checks the
 * idle timeout and the end against the caller's clock, then counts the use; the key's time to
 * live only cleans up.
 */
@Singleton
public final class RedisConsoleSessions implements ConsoleSessions {

  private static final LuaScript SAVE = LuaScript.load("save_console_session");
  private static final LuaScript USE = LuaScript.load("use_console_session");
  /** Kept a little beyond its life, so a key never vanishes before the clock says it ended. */
  private static final Duration SLACK = Duration.ofMinutes(1);
  private static final String SEPARATOR = " ";

  private final RedisConnection redis;

  @Inject
  public RedisConsoleSessions(RedisConnection redis) {
    this.redis = redis;
    try {
      redis.preload(List.of(SAVE, USE));
    } catch (UnavailableException e) {
      // EVALSHA falls back to EVAL, so a store made during an outage still works afterwards.
    }
  }

  @Override
  public void save(String idHash, ConsoleSession session, Duration idleTimeout, Instant now) {
    Duration left = Duration.between(now, session.expiresAt());
    Duration ttl = (left.compareTo(idleTimeout) < 0 ? left : idleTimeout).plus(SLACK);
    redis.eval(SAVE, ScriptOutputType.INTEGER, new String[] {key(idHash)}, encode(session),
        Long.toString(now.toEpochMilli()), Long.toString(session.expiresAt().toEpochMilli()),
        Long.toString(ttl.toMillis()));
  }

  @Override
  public Optional<ConsoleSession> use(String idHash, Duration idleTimeout, Instant now) {
    String data = redis.eval(USE, ScriptOutputType.VALUE, new String[] {key(idHash)},
        Long.toString(now.toEpochMilli()), Long.toString(idleTimeout.toMillis()),
        Long.toString(SLACK.toMillis()));
    return Optional.ofNullable(data).map(RedisConsoleSessions::decode);
  }

  @Override
  public void remove(String idHash) {
    String key = key(idHash);
    redis.call(c -> c.del(key));
  }

  private String key(String idHash) {
    return redis.keyPrefix() + "console:" + idHash;
  }

  private static String encode(ConsoleSession session) {
    return String.join(SEPARATOR, session.user().toString(), session.session().value(),
        session.role().name(), session.methods().name(), session.formToken(),
        session.startedAt().toString(), session.expiresAt().toString());
  }

  private static ConsoleSession decode(String data) {
    String[] fields = data.split(SEPARATOR);
    return new ConsoleSession(UserId.parse(fields[0], "user"), new SessionId(fields[1]),
        Role.valueOf(fields[2]), AuthMethods.valueOf(fields[3]), fields[4],
        Instant.parse(fields[5]), Instant.parse(fields[6]));
  }
}
