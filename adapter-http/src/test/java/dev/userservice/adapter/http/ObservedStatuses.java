package dev.userservice.adapter.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every (method, route template, status) any test's server answered, so the OpenAPI test can
 * check that each documented status is produced by some test. Test-only shared state.
 */
final class ObservedStatuses {

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private ObservedStatuses() {}

  static void record(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint != null) {
      SEEN.add(key(ctx.method().name(), endpoint.path, ctx.statusCode()));
    }
  }

  /**
   * Records {@code status} for a route template whose request the server refused before routing
   * (so {@link #record} could not tell the template): the test that saw it says which it was.
   */
  static void refusedBeforeRouting(String method, String template, int status) {
    SEEN.add(key(method, template, status));
  }

  static boolean seen(String method, String path, int status) {
    return SEEN.contains(key(method, path, status));
  }

  static int size() {
    return SEEN.size();
  }

  private static String key(String method, String path, int status) {
    return method.toUpperCase(java.util.Locale.ROOT) + " " + path + " " + status;
  }
}
