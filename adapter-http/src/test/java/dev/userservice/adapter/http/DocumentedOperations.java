package dev.userservice.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The operations of {@code openapi.json}: method, path template, statuses, parameters, body. */
final class DocumentedOperations {

  /** One documented operation; {@code body} is the resolved request schema or null. */
  record Operation(String method, String path, Set<Integer> statuses, List<JsonNode> parameters,
      JsonNode body, boolean secured) {

    String key() {
      return method + " " + path;
    }
  }

  static final JsonNode DOCUMENT = load();

  private DocumentedOperations() {}

  static List<Operation> all() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : DOCUMENT.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        JsonNode node = op.getValue();
        Set<Integer> statuses = new TreeSet<>();
        node.get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.valueOf(s)));
        List<JsonNode> parameters = new ArrayList<>();
        node.path("parameters").forEach(p -> parameters.add(resolve(p)));
        JsonNode body = node.at("/requestBody/content/application~1json/schema");
        operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
            statuses, parameters, body.isMissingNode() ? null : resolve(body),
            !node.get("security").isEmpty()));
      }
    }
    return operations;
  }

  static Operation get(String method, String path) {
    return all().stream().filter(op -> op.method().equals(method) && op.path().equals(path))
        .findFirst().orElseThrow(() -> new AssertionError("undocumented: " + method + " " + path));
  }

  /** The node itself, or the one its {@code $ref} points to. */
  static JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      current = DOCUMENT.at(current.get("$ref").asText().substring(1));
    }
    return current;
  }

  /** The properties of an object schema, in document order. */
  static List<String> propertyNames(JsonNode schema) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static JsonNode load() {
    try (InputStream in = DocumentedOperations.class.getResourceAsStream("/openapi.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
