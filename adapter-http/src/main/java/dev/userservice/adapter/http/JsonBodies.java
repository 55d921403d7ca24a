package dev.userservice.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.userservice.domain.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads request bodies strictly: JSON only (else 415), at most the configured size (else 413),
 * and any malformed JSON, unknown field or wrong type becomes a 400 naming the field. The OAuth
 * endpoints, whose RFCs prescribe form bodies, get theirs through {@link #formBytes} under the
 * same size limit.
 */
final class JsonBodies {

  static final String FORM = "application/x-www-form-urlencoded";

  private final ObjectMapper mapper;
  private final long maxBytes;

  JsonBodies(ObjectMapper mapper, long maxBytes) {
    this.mapper = mapper;
    this.maxBytes = maxBytes;
  }

  /**
   * The mapper of the API: snake_case names, ISO-8601 instants, and no lenient guessing (unknown
   * fields, duplicate keys, trailing tokens and numbers for strings are all errors).
   */
  static ObjectMapper newMapper() {
    ObjectMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule().addSerializer(Instant.class, new InstantJson()))
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** The body as {@code type}, a record whose components name the accepted fields. */
  <T> T read(Context ctx, Class<T> type) {
    byte[] body = bytes(ctx);
    T value;
    try {
      value = mapper.readValue(body, type);
    } catch (IOException e) {
      throw invalid(e);
    }
    if (value == null) { // the body was the JSON literal null
      throw InvalidInputException.of("body", "must be a JSON object");
    }
    return value;
  }

  /** The body as a JSON object tree, for bodies where an absent field differs from null. */
  JsonNode readObject(Context ctx) {
    byte[] body = bytes(ctx);
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (IOException e) {
      throw invalid(e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw InvalidInputException.of("body", "is required");
    }
    if (!tree.isObject()) {
      throw InvalidInputException.of("body", "must be a JSON object");
    }
    return tree;
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
    String type = ctx.contentType();
    String actual = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!actual.equals(media)) {
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
    if (contentType != null) {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (media.equals("application/json")
          || (media.startsWith("application/") && media.endsWith("+json"))) {
        return;
      }
    }
    throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
        "the request body must be JSON (Content-Type: application/json)");
  }

  private static InvalidInputException invalid(IOException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return InvalidInputException.of(path(unknown, unknown.getPropertyName()),
          "is not a known field");
    }
    if (e instanceof MismatchedInputException mismatch) {
      if (mismatch.getPath().isEmpty()) {
        return mismatch.getProcessor() instanceof JsonParser parser
            && parser.currentToken() == null
            ? InvalidInputException.of("body", "is required")
            : InvalidInputException.of("body", "must be a JSON object");
      }
      return InvalidInputException.of(path(mismatch, null), "has the wrong type");
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return InvalidInputException.of(path(mapping, null), "is invalid");
    }
    if (e instanceof StreamReadException) {
      return InvalidInputException.of("body", "is not valid JSON");
    }
    return InvalidInputException.of("body", "could not be read");
  }

  private static String path(JsonMappingException e, String fallback) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? (fallback == null ? "body" : fallback) : path.toString();
  }
}
