package dev.userservice.adapter.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * How the HTTP API behaves beyond the use cases.
 *
 * @param corsAllowedOrigins origins (e.g. {@code https://app.example.com}) allowed to call the API
 *     from a browser; empty turns CORS off
 * @param trustedProxies IP addresses or CIDR blocks of reverse proxies whose
 *     {@code X-Forwarded-For} is believed; empty trusts nobody
 * @param maxBodyBytes the largest request body accepted (larger ones get 413)
 * @param publicUrl the externally visible base URL of the API (what clients and other services
 *     call, behind any proxy): an absolute {@code http} or {@code https} URL without query,
 *     fragment or user info, kept without a trailing slash; the URLs the metadata documents
 *     publish start with it
 */
public record HttpSettings(List<String> corsAllowedOrigins, List<String> trustedProxies,
    long maxBodyBytes, String publicUrl) {

  /** The specification's limit on request bodies: 16 KiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16 * 1024;
  /** Where the API is reached when nothing says otherwise: its default port on this machine. */
  public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";

  public HttpSettings {
    publicUrl = publicUrl(publicUrl);
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    trustedProxies = List.copyOf(trustedProxies);
    TrustedProxies.parse(trustedProxies); // fail fast on a malformed entry
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
  }

  /** CORS off, no trusted proxies, 16 KiB bodies, {@value #DEFAULT_PUBLIC_URL}. */
  public static HttpSettings defaults() {
    return new HttpSettings(List.of(), List.of(), DEFAULT_MAX_BODY_BYTES, DEFAULT_PUBLIC_URL);
  }

  public HttpSettings withCorsAllowedOrigins(List<String> origins) {
    return new HttpSettings(origins, trustedProxies, maxBodyBytes, publicUrl);
  }

  public HttpSettings withTrustedProxies(List<String> proxies) {
    return new HttpSettings(corsAllowedOrigins, proxies, maxBodyBytes, publicUrl);
  }

  public HttpSettings withPublicUrl(String url) {
    return new HttpSettings(corsAllowedOrigins, trustedProxies, maxBodyBytes, url);
  }

  /**
   * {@code url} checked as a public base URL, without its trailing slashes.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String publicUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the public URL must not be blank");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the public URL is not a URL: '" + url + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the public URL must be an absolute http or https URL"
          + " without user info, query or fragment (e.g. https://users.example.com), not '"
          + url + "'");
    }
    return uri.toString().replaceAll("/+$", "");
  }
}
