package dev.userservice.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * adapter-http's openapi.json, the contract of the HTTP API, as a check of one answer: its status
 * is documented for the operation, with the documented media type, and its body is valid against
 * the documented schema (the keywords the document uses: {@code $ref}, {@code type},
 * {@code required}, {@code properties}, {@code additionalProperties: false}, {@code items},
 * {@code enum}, {@code anyOf}, {@code pattern}).
 */
final class OpenApiContract {

  private final JsonNode document;

  OpenApiContract() {
    Path file = Path.of("..", "adapter-http", "src", "main", "resources", "openapi.json");
    try {
      document = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every documented operation, as {@code "METHOD /path/{param}"}. */
  List<String> operations() {
    List<String> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (List.of("get", "post", "put", "patch", "delete").contains(operation.getKey())) {
          operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
        }
      }
    }
    return operations;
  }

  /** Fails unless {@code status}, {@code contentType} and {@code body} are as documented. */
  void check(String method, String path, int status, String contentType, JsonNode body) {
    JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
    assertThat(operation.isMissingNode()).as("%s %s is documented", method, path).isFalse();
    JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
    assertThat(response.isMissingNode())
        .as("%s %s documents status %d", method, path, status).isFalse();
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      assertThat(body).as("%s %s %d has no body", method, path, status).isNull();
      return;
    }
    String media = contentType == null ? "" : contentType.split(";", 2)[0].strip();
    assertThat(content.has(media))
        .as("%s %s %d documents %s (%s)", method, path, status, media, content.fieldNames())
        .isTrue();
    List<String> errors = new ArrayList<>();
    validate(content.path(media).path("schema"), body, "$", errors);
    assertThat(errors).as("%s %s %d body %s", method, path, status, body).isEmpty();
  }

  private JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      JsonNode target = document;
      for (String part : node.get("$ref").asText().substring(2).split("/")) {
        target = target.path(part);
      }
      node = target;
    }
    return node;
  }

  private void validate(JsonNode schema, JsonNode value, String at, List<String> errors) {
    schema = resolve(schema);
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      errors.add(at + ": " + value + " is not " + schema.get("type"));
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    if (schema.has("pattern") && value.isTextual()
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      errors.add(at + ": " + value + " does not match " + schema.get("pattern"));
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode option : schema.get("anyOf")) {
        List<String> optionErrors = new ArrayList<>();
        validate(option, value, at, optionErrors);
        any |= optionErrors.isEmpty();
      }
      if (!any) {
        errors.add(at + ": " + value + " matches none of anyOf");
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          errors.add(at + ": lacks " + required.asText());
        }
      }
      JsonNode properties = schema.path("properties");
      for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (properties.has(name)) {
          validate(properties.get(name), value.get(name), at + "." + name, errors);
        } else if (schema.path("additionalProperties").isBoolean()
            && !schema.get("additionalProperties").asBoolean()) {
          errors.add(at + ": " + name + " is not a documented property");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(one, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> false;
    };
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode one : values) {
      if (one.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
