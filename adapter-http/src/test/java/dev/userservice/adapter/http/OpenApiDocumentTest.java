package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hand-written OpenAPI document matches the API: every route documented, nothing documented
 * that does not exist, and every documented status produced by some test of this module. Runs
 * after the other test classes (see {@code junit-platform.properties}), whose servers record each
 * status they answer.
 */
@Order(Integer.MAX_VALUE)
class OpenApiDocumentTest {

  // With the admin console on: its pages are HTML, not API, and must stay out of the document.
  @RegisterExtension
  static final TestApi app = TestApi.withConsole(HttpSettings.defaults()
      .withTrustedProxies(java.util.List.of("127.0.0.1")));
  private static JsonNode document;

  @BeforeAll
  static void start() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      document = app.json.readTree(in);
    }
  }

  @Test
  void everyRegisteredRoute_isDocumented_andEveryDocumentedOperationExists() {
    Set<String> registered = app.api.routes().stream()
        .map(route -> route.method() + " " + route.path())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = operations().stream()
        .map(op -> op.method() + " " + op.path())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).containsExactlyElementsOf(registered);
    assertThat(documented).noneMatch(operation -> operation.contains(" /admin"));
    assertThat(app.get("/admin/sign-in", null).status()).isEqualTo(200);
  }

  @Test
  void everyDocumentedStatus_isProducedBySomeTest() {
    assertThat(ObservedStatuses.size())
        .as("statuses observed by the other test classes; run the whole adapter-http suite")
        .isGreaterThan(50);
    List<String> neverProduced = new ArrayList<>();
    for (Operation op : operations()) {
      for (String status : op.statuses()) {
        if (!ObservedStatuses.seen(op.method(), op.path(), Integer.parseInt(status))) {
          neverProduced.add(op.method() + " " + op.path() + " " + status);
        }
      }
    }

    assertThat(neverProduced).isEmpty();
  }

  @Test
  void document_isOpenApi31_withBearerSecurity_andOperationIdsAndResolvableRefs() {
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText())
        .isEqualTo("bearer");
    Set<String> ids = new TreeSet<>();
    for (Operation op : operations()) {
      assertThat(op.node().has("operationId")).as(op.path()).isTrue();
      assertThat(ids.add(op.node().get("operationId").asText())).as("unique operationId").isTrue();
      assertThat(op.node().has("security")).as(op.method() + " " + op.path()).isTrue();
    }
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void securedOperations_areExactlyTheRoutesThatNeedAToken() {
    Map<String, Access> access = app.api.routes().stream().collect(Collectors.toMap(
        route -> route.method() + " " + route.path(), HttpApi.Route::access));
    for (Operation op : operations()) {
      boolean secured = !op.node().get("security").isEmpty();
      assertThat(secured).as(op.method() + " " + op.path())
          .isEqualTo(access.get(op.method() + " " + op.path()) != Access.ANYONE);
    }
  }

  record Operation(String method, String path, List<String> statuses, JsonNode node) {}

  private static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        List<String> statuses = new ArrayList<>();
        op.getValue().get("responses").fieldNames().forEachRemaining(statuses::add);
        operations.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT),
            path.getKey(), statuses, op.getValue()));
      }
    }
    return operations;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("$ref")) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
