package dev.userservice.spring.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.http.json.StrictJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * The JSON of the HTTP API, as adapter-http writes and reads it ({@link StrictJson}), whatever
 * the host's own {@code ObjectMapper} is set to: snake_case names, ISO-8601 instants, and strict
 * reading (an unknown field, duplicate key, trailing token or a number for a string is a 400
 * naming the field; a body that is not JSON is a 415).
 */
final class ApiJson {

  private final ObjectMapper mapper = StrictJson.newMapper();
  private final StrictJson strict = new StrictJson(mapper);

  /** The body as {@code type}, a record whose components name the accepted fields. */
  <T> T read(String contentType, byte[] body, Class<T> type) {
    requireJson(contentType);
    return strict.read(body == null ? new byte[0] : body, type);
  }

  /** The body as a JSON object tree, for bodies whose fields may be absent, null or set. */
  JsonNode readObject(String contentType, byte[] body) {
    requireJson(contentType);
    return strict.readObject(body == null ? new byte[0] : body);
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
    if (!StrictJson.isJson(contentType)) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, StrictJson.NOT_JSON);
    }
  }
}
