package dev.userservice.adapter.redis;

import dev.userservice.domain.UnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Owns the one Lettuce client and the one shared, thread-safe connection to Redis (a single
 * server or a cluster). Commands fail fast instead of queueing while Redis is unreachable, time
 * out after {@link RedisSettings#commandTimeout()}, and every such failure surfaces as
 * {@link UnavailableException}; the connection reconnects in the background on its own. Close it
 * after everything that uses it.
 */
@Singleton
public final class RedisConnection implements AutoCloseable {

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  // Server errors that mean "not now" rather than "wrong command": the caller may retry later.
  private static final List<String> UNAVAILABLE_ERRORS = List.of(
      "LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "READONLY", "NOREPLICAS",
      "OOM");

  private final RedisSettings settings;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  // The asynchronous commands, each awaited here: Lettuce's synchronous API runs the same ones
  // behind a reflective proxy, a reflective dispatch per call (and see AsyncOnlyClient).
  private final RedisClusterAsyncCommands<String, String> commands;

  /**
   * Connects to the single Redis server at {@link RedisSettings#url()}.
   *
   * @throws UnavailableException when Redis cannot be reached now
   */
  @Inject
  public RedisConnection(RedisSettings settings) {
    this(settings, false, null);
  }

  /**
   * Connects to the single Redis server at {@link RedisSettings#url()}, or to the master that
   * the Sentinels of a {@code redis-sentinel://} URL name (following fail-overs), recording the
   * latency of every command in {@code registry} ({@code lettuce_command_completion_seconds}
   * and {@code lettuce_command_firstresponse_seconds}, by command; {@code null} records none).
   *
   * @throws UnavailableException when Redis cannot be reached now
   */
  public RedisConnection(RedisSettings settings, MeterRegistry registry) {
    this(settings, false, registry);
  }

  /**
   * Connects to the Redis Cluster whose seed nodes {@link RedisSettings#url()} names.
   *
   * @throws UnavailableException when the cluster cannot be reached now
   */
  public static RedisConnection cluster(RedisSettings settings) {
    return new RedisConnection(settings, true, null);
  }

  /** As {@link #cluster(RedisSettings)}, recording command latency in {@code registry}. */
  public static RedisConnection cluster(RedisSettings settings, MeterRegistry registry) {
    return new RedisConnection(settings, true, registry);
  }

  private RedisConnection(RedisSettings settings, boolean cluster, MeterRegistry registry) {
    this.settings = settings;
    // Reconnect attempts back off, but never wait more than a second once Redis is back.
    DefaultClientResources.Builder builder = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS));
    if (registry != null) {
      // Histogram buckets rather than percentiles computed here: those cannot be added up
      // across instances.
      builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry,
          MicrometerOptions.builder().histogram(true)
              .minLatency(Duration.ofNanos(100_000)).maxLatency(Duration.ofSeconds(5))
              .targetPercentiles(new double[0]).build()));
    }
    this.resources = builder.build();
    AbstractRedisClient created = null;
    try {
      if (cluster) {
        RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris(settings));
        created = clusterClient;
        clusterClient.setOptions(ClusterClientOptions.builder(clientOptions(settings))
            .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                // Lettuce follows MOVED/ASK redirects itself; the periodic refresh catches
                // fail-overs that no command has noticed yet.
                .enablePeriodicRefresh(Duration.ofSeconds(30))
                .build())
            .build());
        StatefulRedisClusterConnection<String, String> clusterConnection =
            clusterClient.connect(StringCodec.UTF8);
        this.connection = clusterConnection;
        this.commands = clusterConnection.async();
      } else {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        usePassword(uri, settings);
        RedisClient redisClient = new AsyncOnlyClient(resources, uri);
        created = redisClient;
        redisClient.setOptions(clientOptions(settings));
        StatefulRedisConnection<String, String> redisConnection =
            redisClient.connect(StringCodec.UTF8);
        this.connection = redisConnection;
        this.commands = redisConnection.async();
      }
      this.client = created;
    } catch (RedisException e) {
      if (created != null) {
        created.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
      }
      resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw new UnavailableException("redis", e);
    }
  }

  private static ClientOptions clientOptions(RedisSettings settings) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
        .socketOptions(SocketOptions.builder()
            .connectTimeout(settings.commandTimeout())
            .keepAlive(true)
            .build())
        .build();
  }

  private static List<RedisURI> uris(RedisSettings settings) {
    List<RedisURI> uris = RedisClusterURIUtil.toRedisURIs(URI.create(settings.url()));
    uris.forEach(uri -> {
      uri.setTimeout(settings.commandTimeout());
      usePassword(uri, settings);
    });
    return uris;
  }

  /** The default user with {@link RedisSettings#password()}, when set, instead of the URL's. */
  private static void usePassword(RedisURI uri, RedisSettings settings) {
    if (settings.password() != null) {
      uri.setCredentialsProvider(
          new StaticCredentialsProvider(null, settings.password().toCharArray()));
    }
  }

  /** The settings this connection was opened with. */
  public RedisSettings settings() {
    return settings;
  }

  /** Whether Redis answers a PING within the command timeout; for readiness checks. */
  public boolean ping() {
    try {
      return "PONG".equalsIgnoreCase(call(RedisClusterAsyncCommands::ping));
    } catch (UnavailableException e) {
      return false;
    }
  }

  /**
   * Sends the command {@code action} makes on the shared connection and waits for its reply, at
   * most the command timeout, translating outages into {@link UnavailableException}.
   */
  <T> T call(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> action) {
    try {
      return awaited(action);
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  /**
   * Runs {@code script} by its digest, sending the source only when the server does not know it
   * yet (first use, restart, failover, another cluster node).
   */
  <T> T eval(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
    try {
      return awaited(c -> c.evalsha(script.sha(), type, keys, args));
    } catch (RedisNoScriptException e) {
      return call(c -> c.eval(script.source(), type, keys, args));
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  /**
   * Runs {@code script} (its reply is not needed) and the command {@code other} makes, sending
   * both before waiting for either: two independent commands for one round trip's wait.
   */
  void evalAlongside(LuaScript script, String[] keys, String[] args,
      Function<RedisClusterAsyncCommands<String, String>, RedisFuture<?>> other) {
    RedisFuture<Object> scripted;
    RedisFuture<?> otherReply;
    try {
      scripted = commands.evalsha(script.sha(), ScriptOutputType.INTEGER, keys, args);
      otherReply = other.apply(commands);
      await(otherReply);
    } catch (RuntimeException e) {
      throw translated(e);
    }
    try {
      await(scripted);
    } catch (RedisNoScriptException e) {
      call(c -> c.eval(script.source(), ScriptOutputType.INTEGER, keys, args));
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  /** Loads {@code scripts} into the server's script cache ahead of their first use. */
  void preload(List<LuaScript> scripts) {
    scripts.forEach(script -> call(c -> c.scriptLoad(script.source())));
  }

  private <T> T awaited(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> action) {
    return LettuceFutures.awaitOrCancel(action.apply(commands),
        settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void await(RedisFuture<?> reply) {
    LettuceFutures.awaitOrCancel(reply, settings.commandTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private static RuntimeException translated(RuntimeException e) {
    if (e instanceof RedisCommandExecutionException rejected) {
      return isUnavailable(rejected) ? new UnavailableException("redis", e)
          : new IllegalStateException("Redis rejected a command: " + e.getMessage(), e);
    }
    if (e instanceof RedisCommandInterruptedException) {
      Thread.currentThread().interrupt();
      return new UnavailableException("redis", e);
    }
    if (e instanceof RedisException || e instanceof CancellationException) {
      return new UnavailableException("redis", e);
    }
    return e;
  }

  private static boolean isUnavailable(RedisCommandExecutionException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return UNAVAILABLE_ERRORS.stream().anyMatch(message::startsWith);
  }

  /** Closes the connection, then shuts the client and its threads down. */
  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      try {
        client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
      } finally {
        resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
      }
    }
  }
}
