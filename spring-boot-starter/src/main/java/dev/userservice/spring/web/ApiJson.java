package dev.userservice.spring.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.userservice.domain.InvalidInputException;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * The JSON of the HTTP API, as adapter-http writes and reads it, whatever the host's own
 * {@code ObjectMapper} is set to: snake_case names, ISO-8601 instants, and strict reading (an
 * unknown field, duplicate key, trailing token or a number for a string is a 400 naming the
 * field; a body that is not JSON is a 415).
 */
final class ApiJson {

  private final ObjectMapper mapper = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
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
  <T> T read(String contentType, byte[] body, Class<T> type) {
    requireJson(contentType);
    T value;
    try {
      value = mapper.readValue(body == null ? new byte[0] : body, type);
    } catch (IOException e) {
      throw invalid(e);
    }
    if (value == null) {
      throw InvalidInputException.of("body", "must be a JSON object");
    }
    return value;
  }

  /** The body as a JSON object tree, for bodies whose fields may be absent, null or set. */
  JsonNode readObject(String contentType, byte[] body) {
    requireJson(contentType);
    JsonNode tree;
    try {
      tree = mapper.readTree(body == null ? new byte[0] : body);
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

  ResponseEntity<byte[]> respond(HttpStatus status, Object body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(bytes(body));
  }

  byte[] bytes(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("our responses are always serializable", e);
    }
  }

  private static void requireJson(String contentType) {
    if (contentType != null) {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (media.equals("application/json")
          || (media.startsWith("application/") && media.endsWith("+json"))) {
        return;
      }
    }
    throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
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
