package dev.userservice.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import redis.embedded.RedisServer;

/**
 * A local three-node Redis Cluster (no replicas) from the embedded Redis binaries: each node gets
 * a third of the 16384 slots, then they meet. Its files live in a temporary directory.
 */
final class TestCluster implements AutoCloseable {

  private static final int NODES = 3;
  private static final int SLOTS = 16384;
  private static final Duration FORMING_PATIENCE = Duration.ofSeconds(30);

  private final Path directory;
  private final List<RedisServer> servers = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  TestCluster() {
    try {
      directory = Files.createTempDirectory("redis-cluster-test");
      for (int i = 0; i < NODES; i++) {
        int port = TestRedis.freePort();
        ports.add(port);
        servers.add(startNode(port));
      }
      form();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A seed URL for a cluster client. */
  String url() {
    return "redis://127.0.0.1:" + ports.get(0);
  }

  private RedisServer startNode(int port) {
    RedisServer server = RedisServer.builder()
        .port(port)
        .setting("cluster-enabled yes")
        .setting("cluster-config-file nodes-" + port + ".conf")
        .setting("cluster-node-timeout 5000")
        .setting("dir " + directory)
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
    server.start();
    return server;
  }

  private void form() {
    RedisClient client = RedisClient.create();
    try {
      List<StatefulRedisConnection<String, String>> nodes = new ArrayList<>();
      for (int port : ports) {
        nodes.add(client.connect(RedisURI.create("127.0.0.1", port)));
      }
      for (int i = 0; i < NODES; i++) {
        int from = SLOTS * i / NODES;
        int to = SLOTS * (i + 1) / NODES;
        nodes.get(i).sync().clusterAddSlots(IntStream.range(from, to).toArray());
      }
      for (int i = 1; i < NODES; i++) {
        nodes.get(0).sync().clusterMeet("127.0.0.1", ports.get(i));
      }
      awaitFormed(nodes);
      nodes.forEach(StatefulRedisConnection::close);
    } finally {
      client.shutdown();
    }
  }

  private static void awaitFormed(List<StatefulRedisConnection<String, String>> nodes) {
    Instant deadline = Instant.now().plus(FORMING_PATIENCE);
    while (!nodes.stream().map(StatefulRedisConnection::sync).allMatch(TestCluster::isFormed)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the local Redis Cluster did not form in "
            + FORMING_PATIENCE);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster formed", e);
      }
    }
  }

  private static boolean isFormed(RedisCommands<String, String> node) {
    String info = node.clusterInfo();
    return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + NODES);
  }

  @Override
  public void close() {
    servers.forEach(server -> {
      if (server.isActive()) {
        server.stop();
      }
    });
    if (directory != null) {
      try (var files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
