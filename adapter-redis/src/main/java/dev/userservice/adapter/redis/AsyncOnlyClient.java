package dev.userservice.adapter.redis;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * A {@link RedisClient} whose connections have no synchronous API ({@code sync()} answers
 * {@code null}). Lettuce builds that API for every connection as it connects, as a reflective
 * proxy over some 400 commands, though this adapter uses only the asynchronous one; generating the
 * proxy's class, and compiling the generator, slow connecting and start-up (docs/performance.md,
 * "Redis connections without the synchronous API").
 *
 * <p>The rule to keep: this is the only subclass of a Lettuce class in the adapter, and it
 * overrides only the two factories Lettuce offers for custom connection classes,
 * {@code RedisClient.newStatefulRedisConnection} and
 * {@code StatefulRedisConnectionImpl.newRedisSyncCommandsImpl}. Nothing here may call
 * {@code sync()}. {@code AsyncOnlyClientTest} fails when a Lettuce upgrade changes either hook or
 * stops connecting through it. The cluster client is left as Lettuce builds it.
 */
final class AsyncOnlyClient extends RedisClient {

  AsyncOnlyClient(ClientResources resources, RedisURI uri) {
    super(resources, uri);
  }

  @Override
  protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(
      RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec,
      Duration timeout) {
    return new StatefulRedisConnectionImpl<>(writer, pushHandler, codec, timeout,
        getOptions().getJsonParser()) {
      @Override
      protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
        return null;
      }
    };
  }
}
