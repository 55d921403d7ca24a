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
import java.util.function.Supplier;

/**
 * The one shared, thread-safe connection to Redis (a single server or a cluster) the adapter's
 * stores use, with the key prefix and command timeout they use it with. Either it owns its
 * Lettuce client (the constructors and {@link #cluster}: commands fail fast instead of queueing
 * while Redis is unreachable, and the connection reconnects in the background on its own), or
 * it uses the host application's client or connection ({@link #on}, {@link #over}). Every
 * command times out after the command timeout, and every failure to reach Redis surfaces as
 * {@link UnavailableException}. Close it after everything that uses it.
 */
@Singleton
public final class RedisConnection implements AutoCloseable {

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  // Server errors that mean "not now" rather than "wrong command": the caller may retry later.
  private static final List<String> UNAVAILABLE_ERRORS = List.of(
      "LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "READONLY", "NOREPLICAS",
      "OOM");

  private final String keyPrefix;
  private final Duration commandTimeout;
  // What close() ends: the connection and the client with its resources when they are ours,
  // the connection alone on a host's client, nothing on a host's connection.
  private final Runnable ownership;
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

  private RedisConnection(String keyPrefix, Duration commandTimeout,
      RedisClusterAsyncCommands<String, String> commands, Runnable ownership) {
    this.keyPrefix = keyPrefix;
    this.commandTimeout = commandTimeout;
    this.commands = commands;
    this.ownership = ownership;
  }

  /**
   * A connection of its own on the host application's {@code client} (its resources and
   * options; with Lettuce's default options commands queue while Redis is away, until the
   * command timeout). {@link #close()} closes that connection and leaves the client to the host.
   *
   * @param keyPrefix put in front of every key (see {@link RedisSettings#keyPrefix()})
   * @param commandTimeout how long one command may take before it fails as unavailable
   * @throws UnavailableException when Redis cannot be reached now
   */
  public static RedisConnection on(RedisClient client, String keyPrefix,
      Duration commandTimeout) {
    RedisSettings.check(keyPrefix, commandTimeout);
    StatefulRedisConnection<String, String> connection = connect(
        () -> client.connect(StringCodec.UTF8));
    return new RedisConnection(keyPrefix, commandTimeout, connection.async(), connection::close);
  }

  /** As {@link #on(RedisClient, String, Duration)}, on the host's Redis Cluster client. */
  public static RedisConnection on(RedisClusterClient client, String keyPrefix,
      Duration commandTimeout) {
    RedisSettings.check(keyPrefix, commandTimeout);
    StatefulRedisClusterConnection<String, String> connection = connect(
        () -> client.connect(StringCodec.UTF8));
    return new RedisConnection(keyPrefix, commandTimeout, connection.async(), connection::close);
  }

  /**
   * Uses the host application's {@code connection} (a {@link StringCodec} one, shared with the
   * host: the stores never block it, select a database or start a transaction on it).
   * {@link #close()} leaves it open.
   */
  public static RedisConnection over(StatefulRedisConnection<String, String> connection,
      String keyPrefix, Duration commandTimeout) {
    RedisSettings.check(keyPrefix, commandTimeout);
    return new RedisConnection(keyPrefix, commandTimeout, connection.async(), () -> { });
  }

  /** As {@link #over(StatefulRedisConnection, String, Duration)}, for a cluster connection. */
  public static RedisConnection over(StatefulRedisClusterConnection<String, String> connection,
      String keyPrefix, Duration commandTimeout) {
    RedisSettings.check(keyPrefix, commandTimeout);
    return new RedisConnection(keyPrefix, commandTimeout, connection.async(), () -> { });
  }

  private static <C> C connect(Supplier<C> connecting) {
    try {
      return connecting.get();
    } catch (RedisException e) {
      throw new UnavailableException("redis", e);
    }
  }

  private RedisConnection(RedisSettings settings, boolean cluster, MeterRegistry registry) {
    this.keyPrefix = settings.keyPrefix();
    this.commandTimeout = settings.commandTimeout();
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
    ClientResources resources = builder.build();
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
        this.commands = clusterConnection.async();
        this.ownership = owning(clusterConnection, clusterClient, resources);
      } else {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.commandTimeout());
        usePassword(uri, settings);
        RedisClient redisClient = new AsyncOnlyClient(resources, uri);
        created = redisClient;
        redisClient.setOptions(clientOptions(settings));
        StatefulRedisConnection<String, String> redisConnection =
            redisClient.connect(StringCodec.UTF8);
        this.commands = redisConnection.async();
        this.ownership = owning(redisConnection, redisClient, resources);
      }
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

  /** Closes the connection, then shuts the client and its threads down. */
  private static Runnable owning(StatefulConnection<String, String> connection,
      AbstractRedisClient client, ClientResources resources) {
    return () -> {
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
    };
  }

  /** What every key starts with. */
  public String keyPrefix() {
    return keyPrefix;
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
        commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void await(RedisFuture<?> reply) {
    LettuceFutures.awaitOrCancel(reply, commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
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

  /**
   * Closes what this object opened: its own connection, then its own client and threads; a
   * host's client and connection stay open.
   */
  @Override
  public void close() {
    ownership.run();
  }
}
