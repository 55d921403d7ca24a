package dev.userservice.adapter.mustache;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A URL with {@code {code}} and {@code {email}} placeholders, filled URL-encoded. */
record LinkTemplate(String template) {

  static final String CODE = "{code}";
  static final String EMAIL = "{email}";

  String fill(String code, String email) {
    return template.replace(CODE, encode(code)).replace(EMAIL, encode(email));
  }

  /**
   * Percent-encodes everything but unreserved characters (RFC 3986 section 2.3), so the value is
   * one safe piece of a query or a path; a space becomes {@code %20}, not {@code +}.
   */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("%7E", "~").replace("*", "%2A");
  }
}
