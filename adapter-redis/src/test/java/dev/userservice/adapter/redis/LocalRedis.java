package dev.userservice.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.embedded.RedisExecProvider;

/**
 * Local Redis topologies for tests, each node a {@code redis-server} process on a free loopback
 * port, with its files in a temporary directory: a three-node Redis Cluster (no replicas, a
 * third of the slots each), one server with a password, or a Sentinel setup (a master, one
 * replica, three Sentinels watching {@value #MASTER_NAME}). The binary is the machine's
 * {@code redis-server} when there is one, else the one the embedded-redis library ships.
 * {@link #close()} stops every process started.
 */
public final class LocalRedis implements AutoCloseable {

  /** The name the Sentinels know the master by. */
  public static final String MASTER_NAME = "mymaster";

  private static final int SLOTS = 16384;
  private static final Duration PATIENCE = Duration.ofSeconds(60); // a hang guard

  private final Path directory;
  private final String binary;
  private final Map<Integer, Process> processes = new LinkedHashMap<>();
  private final List<Integer> dataPorts = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();

  private LocalRedis() {
    try {
      this.directory = Files.createTempDirectory("local-redis");
      this.binary = binary();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A formed three-node cluster. */
  public static LocalRedis cluster() {
    LocalRedis redis = new LocalRedis();
    try {
      for (int i = 0; i < 3; i++) {
        redis.dataPorts.add(redis.startOnAFreePort(port -> "cluster-enabled yes\n"
            + "cluster-config-file nodes-" + port + ".conf\ncluster-node-timeout 5000\n", false));
      }
      redis.formCluster();
      return redis;
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /** One server that asks for {@code password} (of its default user). */
  public static LocalRedis withPassword(String password) {
    LocalRedis redis = new LocalRedis();
    try {
      int port = redis.startOnAFreePort(any -> "", false);
      redis.dataPorts.add(port);
      withConnection(port, commands -> commands.configSet("requirepass", password));
      return redis;
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /** A master with one replica in sync, watched by three Sentinels that all know the replica. */
  public static LocalRedis sentinel() {
    LocalRedis redis = new LocalRedis();
    try {
      int master = redis.startOnAFreePort(any -> "", false);
      redis.dataPorts.add(master);
      int replica = redis.startOnAFreePort(any -> "replicaof 127.0.0.1 " + master + "\n", false);
      redis.dataPorts.add(replica);
      for (int i = 0; i < 3; i++) {
        redis.sentinelPorts.add(redis.startOnAFreePort(any -> "sentinel monitor " + MASTER_NAME
            + " 127.0.0.1 " + master + " 2\n"
            + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
            + "sentinel failover-timeout " + MASTER_NAME + " 10000\n"
            + "sentinel parallel-syncs " + MASTER_NAME + " 1\n", true));
      }
      await("the replica to sync", () -> redis.info(replica, "replication")
          .contains("master_link_status:up"));
      for (int port : redis.sentinelPorts) {
        await("Sentinel " + port + " to see the replica and its peers", () -> {
          String sentinel = redis.info(port, "sentinel");
          return sentinel.contains("slaves=1") && sentinel.contains("sentinels=3");
        });
      }
      return redis;
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /** The cluster's seed nodes, or the Sentinels' {@code redis-sentinel://} URL. */
  public String url() {
    if (!sentinelPorts.isEmpty()) {
      return "redis-sentinel://" + sentinelPorts.stream().map(port -> "127.0.0.1:" + port)
          .collect(Collectors.joining(",")) + "#" + MASTER_NAME;
    }
    return "redis://" + dataPorts.stream().map(port -> "127.0.0.1:" + port)
        .collect(Collectors.joining(","));
  }

  /** The cluster's nodes as {@code host:port,…} (the form of {@code REDIS_CLUSTER_NODES}). */
  public String nodes() {
    return dataPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  /** The port of the current master, as the Sentinels report it. */
  public int masterPort() {
    RedisClient client = RedisClient.create();
    try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel(
        RedisURI.builder().withHost("127.0.0.1").withPort(sentinelPorts.get(0))
            .withTimeout(Duration.ofSeconds(5)).build())) {
      return ((InetSocketAddress) sentinel.sync().getMasterAddrByName(MASTER_NAME)).getPort();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /**
   * Waits until every write the master took so far is on the replica ({@code WAIT}), so a
   * fail-over loses none of them.
   */
  public void awaitReplicated() {
    long acknowledged = withConnection(masterPort(), redis -> redis.waitForReplication(1, 10_000));
    if (acknowledged < 1) {
      throw new IllegalStateException("the replica did not acknowledge the master's writes");
    }
  }

  /**
   * Kills the current master's process (as a crash would) and waits until the Sentinels name
   * another; returns the new master's port.
   */
  public int failOver() {
    int old = masterPort();
    Process master = processes.remove(old);
    master.destroyForcibly();
    waitFor(master);
    await("the Sentinels to promote the replica", () -> {
      try {
        return masterPort() != old;
      } catch (RuntimeException sentinelBusy) {
        return false;
      }
    });
    return masterPort();
  }

  /**
   * Starts a node on a port that was free a moment ago, and on another if something took it
   * meanwhile (parallel test runs pick ports the same way).
   *
   * @return the node's port
   */
  private int startOnAFreePort(IntFunction<String> config, boolean sentinel) {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      try {
        start(port, config.apply(port), sentinel);
        return port;
      } catch (PortTaken e) {
        if (attempt == 5) {
          throw new IllegalStateException("no free port after 5 attempts", e);
        }
      }
    }
  }

  /** A node that exited at once because its port was no longer free. */
  private static final class PortTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTaken(String message) {
      super(message);
    }
  }

  private void start(int port, String config, boolean sentinel) {
    try {
      Path conf = directory.resolve((sentinel ? "sentinel-" : "redis-") + port + ".conf");
      Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + directory + "\n"
          + "save \"\"\nappendonly no\n" + config);
      List<String> command = new ArrayList<>(List.of(binary, conf.toString()));
      if (sentinel) {
        command.add("--sentinel");
      }
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(directory.resolve(port + ".log").toFile())
          .start();
      processes.put(port, process);
      Path log = directory.resolve(port + ".log");
      // Ours answers, not whoever else took the port: a node that lost the port exits.
      await("redis-server on port " + port, () -> {
        if (!process.isAlive()) {
          processes.remove(port);
          if (readQuietly(log).contains("Address already in use")) {
            throw new PortTaken("port " + port + " was taken before redis-server bound it");
          }
          throw new IllegalStateException("redis-server on port " + port + " exited: see " + log);
        }
        return info(port, "server").contains("process_id:" + process.pid());
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void formCluster() {
    for (int i = 0; i < dataPorts.size(); i++) {
      int from = SLOTS * i / dataPorts.size();
      int to = SLOTS * (i + 1) / dataPorts.size();
      withConnection(dataPorts.get(i), redis ->
          redis.clusterAddSlots(IntStream.range(from, to).toArray()));
    }
    for (int i = 1; i < dataPorts.size(); i++) {
      int other = dataPorts.get(i);
      withConnection(dataPorts.get(0), redis -> redis.clusterMeet("127.0.0.1", other));
    }
    for (int port : dataPorts) {
      await("the cluster to form", () -> {
        String info = withConnection(port, RedisCommands::clusterInfo);
        return info.contains("cluster_state:ok")
            && info.contains("cluster_known_nodes:" + dataPorts.size());
      });
    }
  }

  private String info(int port, String section) {
    try {
      return withConnection(port, redis -> redis.info(section));
    } catch (RuntimeException notYet) {
      return "";
    }
  }

  private static <T> T withConnection(int port,
      java.util.function.Function<RedisCommands<String, String>, T> action) {
    RedisClient client = RedisClient.create();
    try (StatefulRedisConnection<String, String> connection =
        client.connect(RedisURI.builder().withHost("127.0.0.1").withPort(port)
            .withTimeout(Duration.ofSeconds(5)).build())) {
      return action.apply(connection.sync());
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant giveUp = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException("gave up waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  private static void waitFor(Process process) {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String binary() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return RedisExecProvider.defaultProvider().get().getAbsolutePath();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    processes.values().forEach(Process::destroy);
    processes.values().forEach(process -> {
      waitFor(process);
      process.destroyForcibly();
    });
    processes.clear();
    if (directory != null) {
      try (var files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
