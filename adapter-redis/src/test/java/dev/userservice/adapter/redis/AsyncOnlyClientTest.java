package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Lettuce hooks {@link AsyncOnlyClient} overrides, checked against the Lettuce on the class
 * path: when an upgrade renames, seals or stops calling one, this fails rather than the service
 * quietly building the synchronous API again (or failing to connect).
 */
class AsyncOnlyClientTest {

  @Test
  @DisplayName("Lettuce still offers both factories it overrides, protected and overridable")
  void theLettuceHooks_keepTheirSignatures() throws Exception {
    Method connectionFactory = RedisClient.class.getDeclaredMethod("newStatefulRedisConnection",
        RedisChannelWriter.class, PushHandler.class, RedisCodec.class, Duration.class);
    assertOverridable(connectionFactory, StatefulRedisConnectionImpl.class);
    assertThat(AsyncOnlyClient.class.getDeclaredMethod(connectionFactory.getName(),
        connectionFactory.getParameterTypes()).getReturnType())
        .isEqualTo(StatefulRedisConnectionImpl.class);

    Method syncFactory =
        StatefulRedisConnectionImpl.class.getDeclaredMethod("newRedisSyncCommandsImpl");
    assertOverridable(syncFactory, RedisCommands.class);
    assertThat(StatefulRedisConnectionImpl.class.getConstructor(RedisChannelWriter.class,
        PushHandler.class, RedisCodec.class, Duration.class, Supplier.class)).isNotNull();
  }

  @Test
  @DisplayName("a connection it makes has no synchronous API and serves the asynchronous one")
  void aConnection_isBuiltByTheOverride_withoutTheSyncApi() throws Exception {
    ClientResources resources = DefaultClientResources.create();
    AsyncOnlyClient client = new AsyncOnlyClient(resources, RedisURI.create(TestRedis.url()));
    try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8)) {
      assertThat(connection.getClass().getEnclosingClass())
          .as("Lettuce made the connection through AsyncOnlyClient's factory")
          .isEqualTo(AsyncOnlyClient.class);
      assertThat(connection.sync()).as("the synchronous API").isNull();
      assertThat(connection.async().ping().get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
    } finally {
      client.shutdown();
      resources.shutdown().get(5, TimeUnit.SECONDS);
    }
  }

  private static void assertOverridable(Method hook, Class<?> returnType) {
    assertThat(Modifier.isProtected(hook.getModifiers())).as("%s is protected", hook).isTrue();
    assertThat(Modifier.isFinal(hook.getModifiers())).as("%s is final", hook).isFalse();
    assertThat(hook.getReturnType()).as("%s returns", hook).isEqualTo(returnType);
  }
}
