package dev.userservice.spring;

import dev.userservice.devservices.DevServices;
import dev.userservice.fakemail.FakeMailServer;
import dev.userservice.fakemail.Mailbox;
import dev.userservice.fakemail.ReceivedMail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a Spring Boot host of the starter runs on in tests, once per JVM: the embedded
 * PostgreSQL and Redis of start-dev and the fake SMTP server, given to the host as its own
 * {@code spring.datasource.*}, {@code spring.data.redis.*} and {@code spring.mail.*}, plus the
 * {@code user-service.*} keys. Public (in the test jar) for examples/spring-boot-starter.
 */
public final class TestInfrastructure {

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static Map<String, String> properties;
  private static Mailbox mailbox;

  private TestInfrastructure() {}

  /** Adds the host's and our settings to {@code registry}. */
  public static void register(DynamicPropertyRegistry registry) {
    properties().forEach((key, value) -> registry.add(key, () -> value));
  }

  /** The settings, for hosts started by hand. */
  public static synchronized Map<String, String> properties() {
    if (properties == null) {
      properties = start();
    }
    return properties;
  }

  /** The JDBC URL, user and password of the embedded database. */
  public static String jdbcUrl() {
    return properties().get("spring.datasource.url");
  }

  /**
   * The six-digit code in the newest letter to {@code address}, once it has {@code count}
   * letters (a hang guard, not a timing check).
   */
  public static String awaitCode(String address, int count) {
    properties();
    List<ReceivedMail> letters;
    try {
      letters = mailbox.await(address, count, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    if (letters.size() < count) {
      throw new AssertionError("no letter " + count + " to " + address);
    }
    String text = letters.get(0).text();
    Matcher matcher = CODE.matcher(text);
    if (!matcher.find()) {
      throw new AssertionError("no code in: " + text);
    }
    return matcher.group(1);
  }

  private static Map<String, String> start() {
    DevServices services;
    try {
      services = DevServices.start(Files.createTempDirectory("starter-test"), true, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = services.environment();
    mailbox = new Mailbox();
    FakeMailServer smtp = new FakeMailServer(mailbox, 0).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      smtp.close();
      services.close();
    }, "starter-test-services"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", env.get("DATABASE_URL"));
    settings.put("spring.datasource.username", env.get("DATABASE_USER"));
    settings.put("spring.datasource.password", env.get("DATABASE_PASSWORD"));
    settings.put("spring.data.redis.url", env.get("REDIS_URL"));
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", Integer.toString(smtp.port()));
    settings.put("spring.mail.properties.mail.smtp.connectiontimeout", "5000");
    settings.put("spring.mail.properties.mail.smtp.timeout", "10000");
    settings.put("user-service.jwt-private-key-file", env.get("JWT_PRIVATE_KEY_FILE"));
    settings.put("user-service.secret-key-file", env.get("SECRET_KEY_FILE"));
    settings.put("user-service.mail.from", "no-reply@example.com");
    settings.put("user-service.argon2.memory-kib", "1024");
    settings.put("user-service.argon2.iterations", "1");
    return Map.copyOf(settings);
  }
}
