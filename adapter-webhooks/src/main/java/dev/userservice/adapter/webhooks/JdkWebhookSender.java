package dev.userservice.adapter.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.domain.port.WebhookMessage;
import dev.userservice.domain.port.WebhookResponse;
import dev.userservice.domain.port.WebhookSender;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link WebhookSender} over the JDK's {@link HttpClient}, signing per the Standard Webhooks
 * specification: headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature}, a space-separated list of {@code v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, one per secret, each secret {@code whsec_<base64 key>}.
 *
 * <p>Against server-side request forgery, a target's host is resolved before each attempt and
 * refused when any of its addresses is not public. The client then resolves it again itself, so
 * a name whose answer changes in between (DNS rebinding) can slip past once; redirects are never
 * followed, so a public receiver cannot bounce the request inward.
 */
@Singleton
public final class JdkWebhookSender implements WebhookSender {

  /** How much of an answer's body is read: only its status matters. */
  static final int MAX_BODY_BYTES = 4_096;
  private static final String USER_AGENT = "user-service-webhooks";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSenderSettings settings;
  /**
   * Built at the first send: a client starts a selector thread at once, which JDK 17 offers no
   * way to stop, and a service whose start fails must leave no thread behind.
   */
  private volatile HttpClient client;

  @Inject
  public JdkWebhookSender(WebhookSenderSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  private HttpClient client() {
    HttpClient built = client;
    if (built == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(settings.timeout())
              .version(HttpClient.Version.HTTP_1_1)
              .build();
        }
        built = client;
      }
    }
    return built;
  }

  @Override
  public Optional<String> refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
      return Optional.of(settings.allowHttp() ? "must be an http:// or https:// URL"
          : "must be an https:// URL (http:// only with WEBHOOK_ALLOW_HTTP=true)");
    }
    if (url.getHost() == null) {
      return Optional.of("must have a host");
    }
    if (settings.allowPrivate()) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(url.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("has a host that does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        return Optional.of("resolves to an address that is not public ("
            + address.getHostAddress() + "); allowed only with WEBHOOK_ALLOW_PRIVATE=true");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code address} may be reached from the internet: not loopback, link-local,
   * site-local (10/8, 172.16/12, 192.168/16), unique-local v6 (fc00::/7), shared (100.64/10),
   * multicast, broadcast or unspecified (0/8, ::).
   */
  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()
        || address.isAnyLocalAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xFE) != 0xFC;
    }
    int first = bytes[0] & 0xFF;
    int second = bytes[1] & 0xFF;
    boolean shared = first == 100 && (second & 0xC0) == 64;
    boolean broadcast = first == 255 && second == 255 && (bytes[2] & 0xFF) == 255
        && (bytes[3] & 0xFF) == 255;
    return first != 0 && !shared && !broadcast;
  }

  @Override
  public WebhookResponse send(URI url, WebhookMessage message, List<String> secrets,
      Instant now) {
    Optional<String> refused = refusal(url);
    if (refused.isPresent()) {
      return new WebhookResponse.Unreachable("target refused: " + refused.get());
    }
    byte[] body = body(message);
    String timestamp = Long.toString(now.getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(settings.timeout())
        .header("content-type", "application/json")
        .header("user-agent", USER_AGENT)
        .header("webhook-id", message.id())
        .header("webhook-timestamp", timestamp)
        .header("webhook-signature", signatures(message.id(), timestamp, body, secrets))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<InputStream> response =
          client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream answer = response.body()) {
        answer.readNBytes(MAX_BODY_BYTES);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new WebhookResponse.Accepted(status);
      }
      return new WebhookResponse.Rejected(status,
          response.headers().firstValue("retry-after").map(value -> retryAfter(value, now))
              .orElse(null));
    } catch (HttpTimeoutException e) {
      return new WebhookResponse.Unreachable("no answer within " + settings.timeout());
    } catch (IOException e) {
      return new WebhookResponse.Unreachable(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WebhookResponse.Unreachable("interrupted");
    }
  }

  /** {@code {"type", "timestamp", "data"}}, the data's fields in name order. */
  static byte[] body(WebhookMessage message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", message.type());
    root.put("timestamp", message.timestamp().toString());
    ObjectNode data = root.putObject("data");
    new TreeMap<>(message.data()).forEach(data::put);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a tree of strings always serializes", e);
    }
  }

  /** The {@code webhook-signature} value: one {@code v1,<signature>} per secret. */
  static String signatures(String id, String timestamp, byte[] body, List<String> secrets) {
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (String secret : secrets) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
        mac.update(prefix);
        byte[] signature = mac.doFinal(body);
        header.append(header.length() == 0 ? "" : " ").append("v1,")
            .append(Base64.getEncoder().encodeToString(signature));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is in every JDK", e);
      }
    }
    return header.toString();
  }

  private static byte[] key(String secret) {
    String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }

  /** Delta-seconds or an HTTP date (RFC 9110 §10.2.3); {@code null} when neither. */
  static Duration retryAfter(String value, Instant now) {
    String text = value.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException neither) {
        return null;
      }
    }
  }
}
