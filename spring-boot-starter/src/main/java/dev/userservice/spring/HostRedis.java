package dev.userservice.spring;

import dev.userservice.adapter.redis.RedisConnection;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Our Redis connection on the host's Lettuce client: a {@link RedisClient} or
 * {@link RedisClusterClient} bean, else the client inside Spring Data Redis's
 * {@link LettuceConnectionFactory} ({@code spring.data.redis.*}). Ours is a connection of its own
 * on that client (the host's connections are not shared, so nothing we do blocks them); the
 * client stays the host's.
 */
final class HostRedis {

  private static final boolean SPRING_DATA_REDIS = ClassUtils.isPresent(
      "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
      HostRedis.class.getClassLoader());

  private HostRedis() {}

  static RedisConnection connect(BeanFactory beans, String keyPrefix, Duration commandTimeout) {
    AbstractRedisClient client = beans.getBeanProvider(AbstractRedisClient.class).getIfUnique();
    if (client == null && SPRING_DATA_REDIS) {
      client = SpringDataRedis.nativeClient(beans);
    }
    if (client instanceof RedisClient single) {
      return RedisConnection.on(single, keyPrefix, commandTimeout);
    }
    if (client instanceof RedisClusterClient cluster) {
      return RedisConnection.on(cluster, keyPrefix, commandTimeout);
    }
    throw new IllegalStateException("user-service needs the application's Redis: add"
        + " spring-boot-starter-data-redis with Lettuce (spring.data.redis.*), or define a Lettuce"
        + " RedisClient or RedisClusterClient bean");
  }

  /** Loaded only when Spring Data Redis is on the class path. */
  private static final class SpringDataRedis {

    static AbstractRedisClient nativeClient(BeanFactory beans) {
      LettuceConnectionFactory factory =
          beans.getBeanProvider(LettuceConnectionFactory.class).getIfUnique();
      return factory == null ? null : factory.getNativeClient();
    }
  }
}
