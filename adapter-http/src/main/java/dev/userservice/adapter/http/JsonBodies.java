package dev.userservice.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.http.json.StrictJson;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/**
 * Reads request bodies strictly: JSON only (else 415), at most the configured size (else 413),
 * and any malformed JSON, unknown field or wrong type becomes a 400 naming the field
 * ({@link StrictJson}, which the Spring Boot starter's controllers read with too). The OAuth
 * endpoints, whose RFCs prescribe form bodies, get theirs through {@link #formBytes} under the
 * same size limit.
 */
final class JsonBodies {

  static final String FORM = "application/x-www-form-urlencoded";

  private final StrictJson json;
  private final long maxBytes;

  JsonBodies(ObjectMapper mapper, long maxBytes) {
    this.json = new StrictJson(mapper);
    this.maxBytes = maxBytes;
  }

  /** The body as {@code type}, a record whose components name the accepted fields. */
  <T> T read(Context ctx, Class<T> type) {
    return json.read(bytes(ctx), type);
  }

  /** The body as a JSON object tree, for bodies where an absent field differs from null. */
  JsonNode readObject(Context ctx) {
    return json.readObject(bytes(ctx));
  }

  /**
   * The raw {@code application/x-www-form-urlencoded} body (another media type: 415), at most the
   * configured size (else 413), checked first so a huge body is refused whatever its type.
   */
  byte[] formBytes(Context ctx) {
    byte[] body = withinLimit(ctx);
    requireMediaType(ctx, FORM, "a form");
    return body;
  }

  /** Refuses the request with 415 unless its body is of {@code media}, which {@code what} names. */
  static void requireMediaType(Context ctx, String media, String what) {
    if (!StrictJson.mediaType(ctx.contentType()).equals(media)) {
      throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
          "the request body must be " + what + " (Content-Type: " + media + ")");
    }
  }

  private byte[] bytes(Context ctx) {
    requireJson(ctx.contentType());
    return withinLimit(ctx);
  }

  private byte[] withinLimit(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBytes) {
      throw tooLarge();
    }
    return body;
  }

  private HttpResponseException tooLarge() {
    return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
        "the request body is larger than " + maxBytes + " bytes");
  }

  private static void requireJson(String contentType) {
    if (!StrictJson.isJson(contentType)) {
      throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
          StrictJson.NOT_JSON);
    }
  }
}
