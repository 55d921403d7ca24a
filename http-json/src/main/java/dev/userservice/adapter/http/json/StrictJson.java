package dev.userservice.adapter.http.json;

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
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * The API's JSON, read strictly: any malformed JSON, unknown field or wrong type becomes an
 * {@link InvalidInputException} naming the field (a 400). Which media types count as JSON is
 * decided here too ({@link #isJson}); the adapter answers any other with a 415 of
 * {@link #NOT_JSON}, and keeps the body within its size limit before handing it over.
 */
public final class StrictJson {

  /** The detail of the 415 for a body that is not JSON. */
  public static final String NOT_JSON =
      "the request body must be JSON (Content-Type: application/json)";

  private final ObjectMapper mapper;

  /** Reads with {@code mapper}, one from {@link #newMapper()}. */
  public StrictJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The mapper of the API: snake_case names, ISO-8601 instants, and no lenient guessing (unknown
   * fields, duplicate keys, trailing tokens and numbers for strings are all errors).
   */
  public static ObjectMapper newMapper() {
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

  /**
   * The body as {@code type}, a record whose components name the accepted fields.
   *
   * @throws InvalidInputException when the body is empty, not JSON, not an object, or has an
   *     unknown field or a value of the wrong type
   */
  public <T> T read(byte[] body, Class<T> type) {
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

  /**
   * The body as a JSON object tree, for bodies where an absent field differs from null.
   *
   * @throws InvalidInputException when the body is empty, not JSON or not an object
   */
  public JsonNode readObject(byte[] body) {
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

  /** Whether a {@code Content-Type} is {@code application/json} or {@code application/*+json}. */
  public static boolean isJson(String contentType) {
    String media = mediaType(contentType);
    return media.equals("application/json")
        || (media.startsWith("application/") && media.endsWith("+json"));
  }

  /** The media type of a {@code Content-Type}, lower case, without parameters; "" for none. */
  public static String mediaType(String contentType) {
    return contentType == null ? ""
        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
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
