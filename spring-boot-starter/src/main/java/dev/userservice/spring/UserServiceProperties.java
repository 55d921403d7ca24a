package dev.userservice.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings under user-service.*: what the service's environment variables say in
 * bootstrap (docs/configuration.md), for the parts a host does not already configure. The
 * database, Redis and SMTP server are the host's own (spring.datasource.*,
 * spring.data.redis.*, spring.mail.*); the rules of SecurityPolicy come
 * from a bean the host may replace.
 *
 * @param issuer the iss of access tokens, usually the public URL (PUBLIC_URL)
 * @param audience the aud of access tokens
 * @param accessTokenTtl how long an access token lives (ACCESS_TOKEN_TTL)
 * @param appMetadataClaims top-level app_metadata members copied into access tokens as claims
 *     of the same name; none when unset (APP_METADATA_CLAIMS)
 * @param jwtPrivateKeyFile the PKCS#8 PEM RSA key that signs access tokens
 *     (JWT_PRIVATE_KEY_FILE)
 * @param jwtPreviousPublicKeysFile earlier signing keys' public halves still accepted; none when
 *     unset (JWT_PREVIOUS_PUBLIC_KEYS_FILE)
 * @param secretKeyFile the server secret that keys code hashes and seals queued letters
 *     (SECRET_KEY_FILE)
 * @param database where our tables live in the host's database
 * @param redis how our keys sit in the host's Redis
 * @param mail the sender of our letters and what they say
 * @param argon2 the cost of password hashes
 * @param jobs the background work: mail delivery, purge, prunes
 * @param webhooks which targets webhooks may have
 * @param web the Spring MVC routes of the HTTP API
 */
@ConfigurationProperties("user-service")
public record UserServiceProperties(
    @DefaultValue("user-service") String issuer,
    @DefaultValue("user-service") String audience,
    @DefaultValue("15m") Duration accessTokenTtl,
    List<String> appMetadataClaims,
    Path jwtPrivateKeyFile,
    Path jwtPreviousPublicKeysFile,
    Path secretKeyFile,
    @DefaultValue Database database,
    @DefaultValue Redis redis,
    @DefaultValue Mail mail,
    @DefaultValue Argon2 argon2,
    @DefaultValue Jobs jobs,
    @DefaultValue Webhooks webhooks,
    @DefaultValue Web web) {

  /**
   * @param schema the schema our migrations create and our tables live in, apart from the host's
   *     (DATABASE_SCHEMA)
   */
  public record Database(@DefaultValue("user_service") String schema) {}

  /**
   * @param keyPrefix put in front of every key we write, so we share the host's Redis safely
   *     (REDIS_KEY_PREFIX); no braces
   * @param commandTimeout how long one of our commands may take before it fails as unavailable
   *     (1 s in the service); the host's client's own timeout is not ours
   */
  public record Redis(@DefaultValue("us:") String keyPrefix,
      @DefaultValue("1s") Duration commandTimeout) {}

  /**
   * @param from the sender of our letters (MAIL_FROM); required
   * @param fromName the sender's display name when from has none (MAIL_FROM_NAME)
   * @param appName the product's name in greetings and signatures (APP_NAME)
   * @param supportEmail where letters tell users to write (SUPPORT_EMAIL)
   * @param verifyUrlTemplate an http(s) URL with {code} that verification letters link
   *     to (VERIFY_URL_TEMPLATE)
   * @param resetUrlTemplate the same for password-reset letters (RESET_URL_TEMPLATE)
   * @param templatesDir templates that replace the built-in ones of the same name
   *     (MAIL_TEMPLATES_DIR)
   */
  public record Mail(String from, String fromName, String appName, String supportEmail,
      String verifyUrlTemplate, String resetUrlTemplate, Path templatesDir) {}

  /**
   * @param memoryKib memory per hash in KiB (ARGON2_MEMORY_KIB)
   * @param iterations passes over that memory (ARGON2_ITERATIONS)
   * @param parallelism lanes per hash (ARGON2_PARALLELISM)
   */
  public record Argon2(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
      @DefaultValue("1") int parallelism) {}

  /**
   * @param enabled whether this application runs the jobs; when several share the database, each
   *     may (the purge and prunes run on one at a time)
   * @param purgeInterval how often the purge and prunes run (PURGE_INTERVAL)
   */
  public record Jobs(@DefaultValue("true") boolean enabled,
      @DefaultValue("5m") Duration purgeInterval) {}

  /**
   * @param allowHttp whether plain http:// targets are allowed (WEBHOOK_ALLOW_HTTP)
   * @param allowPrivate whether targets may resolve to addresses that are not public: off,
   *     against server-side request forgery (WEBHOOK_ALLOW_PRIVATE)
   */
  public record Webhooks(@DefaultValue("false") boolean allowHttp,
      @DefaultValue("false") boolean allowPrivate) {}

  /**
   * @param enabled whether the HTTP API's routes are served by Spring MVC controllers; off by
   *     default, for hosts that call the use cases themselves
   */
  public record Web(@DefaultValue("false") boolean enabled) {}
}
