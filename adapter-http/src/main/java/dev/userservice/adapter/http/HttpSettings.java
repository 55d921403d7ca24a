package dev.userservice.adapter.http;

import java.util.List;

/**
 * How the HTTP API behaves beyond the use cases.
 *
 * @param corsAllowedOrigins origins (e.g. {@code https://app.example.com}) allowed to call the API
 *     from a browser; empty turns CORS off
 * @param trustedProxies IP addresses or CIDR blocks of reverse proxies whose
 *     {@code X-Forwarded-For} is believed; empty trusts nobody
 * @param maxBodyBytes the largest request body accepted (larger ones get 413)
 */
public record HttpSettings(List<String> corsAllowedOrigins, List<String> trustedProxies,
    long maxBodyBytes) {

  /** The specification's limit on request bodies: 16 KiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16 * 1024;

  public HttpSettings {
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    trustedProxies = List.copyOf(trustedProxies);
    TrustedProxies.parse(trustedProxies); // fail fast on a malformed entry
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
  }

  /** CORS off, no trusted proxies, 16 KiB bodies. */
  public static HttpSettings defaults() {
    return new HttpSettings(List.of(), List.of(), DEFAULT_MAX_BODY_BYTES);
  }

  public HttpSettings withCorsAllowedOrigins(List<String> origins) {
    return new HttpSettings(origins, trustedProxies, maxBodyBytes);
  }

  public HttpSettings withTrustedProxies(List<String> proxies) {
    return new HttpSettings(corsAllowedOrigins, proxies, maxBodyBytes);
  }
}
