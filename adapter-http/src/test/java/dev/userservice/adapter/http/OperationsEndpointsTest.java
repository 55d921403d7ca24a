package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.http.TestApi.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OperationsEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  @Test
  void jwks_publishesTheSigningKey() {
    Reply reply = app.get("/.well-known/jwks.json", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("keys").get(0).get("kid").asText())
        .isEqualTo(app.keys.signingKid());
    assertThat(reply.json().get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
    assertThat(reply.body()).doesNotContain("\"d\"");
  }

  @Test
  void authorizationServerMetadata_namesTheTokensIssuerAndTheJwks_andNothingNotServed() {
    Reply reply = app.get("/.well-known/oauth-authorization-server", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.header("Cache-Control")).isEqualTo("public, max-age=3600");
    // The iss every token carries (JwtAccessTokensTest); no login here, the metrics test counts.
    assertThat(reply.json().get("issuer").asText()).isEqualTo(app.accessTokens.issuer());
    assertThat(reply.json().get("jwks_uri").asText())
        .isEqualTo(HttpSettings.DEFAULT_PUBLIC_URL + "/.well-known/jwks.json");
    assertThat(reply.json().get("service_documentation").asText())
        .isEqualTo(HttpSettings.DEFAULT_PUBLIC_URL + "/docs");
    // Required by RFC 8414, and empty: no authorization endpoint answers any response type.
    assertThat(reply.json().get("response_types_supported").isEmpty()).isTrue();
    // Written out because their RFC 8414 defaults would claim grants not served.
    String root = HttpSettings.DEFAULT_PUBLIC_URL;
    assertThat(reply.json().get("token_endpoint").asText()).isEqualTo(root + "/oauth2/token");
    assertThat(reply.json().get("introspection_endpoint").asText())
        .isEqualTo(root + "/oauth2/introspect");
    assertThat(reply.json().get("revocation_endpoint").asText())
        .isEqualTo(root + "/oauth2/revoke");
    assertThat(app.json.convertValue(reply.json().get("grant_types_supported"), List.class))
        .containsExactly("client_credentials", "refresh_token");
    for (String methods : List.of("token_endpoint_auth_methods_supported",
        "introspection_endpoint_auth_methods_supported",
        "revocation_endpoint_auth_methods_supported")) {
      assertThat(app.json.convertValue(reply.json().get(methods), List.class)).as(methods)
          .containsExactly("client_secret_basic", "client_secret_post");
    }
    assertThat(reply.json().has("authorization_endpoint")).isFalse();
    assertThat(reply.json().has("scopes_supported")).isFalse();
  }

  @Test
  void openIdConfiguration_isTheSameDocument() {
    Reply oauth = app.get("/.well-known/oauth-authorization-server", null);
    Reply openId = app.get("/.well-known/openid-configuration", null);

    assertThat(openId.status()).isEqualTo(200);
    assertThat(openId.json()).isEqualTo(oauth.json());
    assertThat(openId.header("Cache-Control")).isEqualTo("public, max-age=3600");
  }

  @Test
  void metadataUrls_startWithThePublicUrl() {
    try (TestApi proxied = TestApi.start(TestApi.newKey(),
        HttpSettings.defaults().withPublicUrl("https://users.example.com/auth/"), null)) {
      Reply reply = proxied.get("/.well-known/oauth-authorization-server", null);

      assertThat(reply.json().get("jwks_uri").asText())
          .isEqualTo("https://users.example.com/auth/.well-known/jwks.json");
    }
  }

  @Test
  void liveness_isUp_onTheManagementPort() {
    Reply reply = app.managementGet("/health/live");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("status").asText()).isEqualTo("up");
  }

  @Test
  void healthAndMetrics_areNotServedOnThePublicPort() {
    for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
      assertThat(app.get(path, null).status()).as(path).isEqualTo(404);
      assertThat(app.managementGet(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void readiness_is200WhenAllChecksPass_and503ProblemNamingTheFailingOne() {
    Reply ready = app.managementGet("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("checks").get("redis").asText()).isEqualTo("up");

    app.readiness.put("redis", false);
    try {
      Reply down = app.managementGet("/health/ready");

      assertThat(down.status()).isEqualTo(503);
      assertThat(down.header("Content-Type")).startsWith("application/problem+json");
      assertThat(down.header("Retry-After")).isEqualTo("5");
      assertThat(down.json().get("checks").get("redis").asText()).isEqualTo("down");
      assertThat(down.json().get("checks").get("database").asText()).isEqualTo("up");
      assertThat(down.json().get("detail").asText()).contains("redis");
    } finally {
      app.readiness.put("redis", true);
    }
  }

  @Test
  void metrics_exposeRequestsEventsByTypeMailQueueAndJvm() {
    app.send("POST", "/security/login", null,
        app.jsonOf("email", TestApi.uniqueEmail("nobody"), "password", "whatever1"));
    app.send("POST", "/users", null,
        app.jsonOf("email", TestApi.uniqueEmail("metric"), "password", TestApi.PASSWORD));

    Reply reply = app.managementGet("/metrics");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    assertThat(reply.body())
        .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/users\","
            + "status=\"201\"}")
        .contains("user_events_total{type=\"registered\"} 1.0")
        .contains("user_events_total{type=\"login_failed\"} 1.0")
        .contains("user_events_total{type=\"login_succeeded\"} 0.0")
        // A public count by failure reason would tell whether the email just tried exists.
        .doesNotContain("unknown_account")
        .contains("mail_queue_depth 1.0")
        .contains("jvm_memory_used_bytes")
        .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/users\","
            + "status=\"201\",le=\"0.005\"}")
        .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/users\","
            + "status=\"201\",le=\"5.0\"}");
  }

  @Test
  void readiness_answers503OnceShuttingDown_whileThePublicPortStillServes() {
    try (TestApi stopping = TestApi.start(app.keyPair)) {
      stopping.management.shuttingDown();

      Reply ready = stopping.managementGet("/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("detail").asText()).contains("shutting down");
      assertThat(stopping.managementGet("/health/live").status()).isEqualTo(200);
      assertThat(stopping.get("/.well-known/jwks.json", null).status()).isEqualTo(200);
    }
  }

  @Test
  void metrics_canBeSwitchedOff() {
    ManagementApi quiet = new ManagementApi(Map.of(), null).start("127.0.0.1", 0);
    try {
      java.net.http.HttpResponse<Void> reply = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(
              "http://127.0.0.1:" + quiet.port() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(reply.statusCode()).isEqualTo(404);
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      quiet.stop();
    }
  }

  @Test
  void openApiDocument_isServed() {
    Reply reply = app.get("/openapi.json", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void docs_serveOurOwnSwaggerUiPage_andTheWebjarAssets() {
    Reply page = app.get("/docs", null);
    Reply bundle = app.get("/docs/ui/swagger-ui-bundle.js", null);
    Reply init = app.get("/docs/app/init.js", null);
    Reply petstore = app.get("/docs/ui/swagger-initializer.js", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("/docs/ui/swagger-ui-bundle.js", "/docs/app/init.js");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(init.status()).isEqualTo(200);
    assertThat(init.body()).contains("/openapi.json").doesNotContain("petstore.swagger.io");
    assertThat(petstore.status()).isEqualTo(404);
  }

  @Test
  void thePagesAnExtensionDeclares_andOnlyThose_getThePagePolicy() {
    HttpExtension tool = new HttpExtension(config -> {
      config.routes.get("/tool", ctx -> ctx.html("<p>a tool</p>"));
      config.routes.get("/tool/data", ctx -> ctx.json(List.of()));
      config.routes.get("/toolbox", ctx -> ctx.json(List.of()));
    }, List.of("/tool"));

    try (TestApi withTool = TestApi.startWith(app.keyPair, tool)) {
      for (String page : List.of("/tool", "/tool/data", "/docs")) {
        assertThat(withTool.get(page, null).header("Content-Security-Policy")).as(page)
            .contains("script-src 'self'");
      }
      for (String api : List.of("/toolbox", "/openapi.json", "/no/such/route")) {
        assertThat(withTool.get(api, null).header("Content-Security-Policy")).as(api)
            .isEqualTo("default-src 'none'; frame-ancestors 'none'");
      }
    }
    assertThat(app.get("/tool", null).header("Content-Security-Policy"))
        .as("without the extension").contains("default-src 'none'");
  }

  @Test
  void everyResponse_carriesSecurityHeadersAndARequestId() {
    Reply reply = app.get("/.well-known/jwks.json", null);
    Reply missing = app.get("/no/such/route", null);

    for (Reply r : List.of(reply, missing)) {
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
      assertThat(r.header("X-Request-Id")).isNotBlank();
    }
    assertThat(missing.json().get("request_id").asText()).isEqualTo(missing.header("X-Request-Id"));
  }

  @Test
  void saneIncomingRequestIds_areEchoed_othersReplaced() {
    Reply sane = app.sendWith("GET", "/openapi.json", Map.of("X-Request-Id", "abc-123"), null);
    Reply insane = app.sendWith("GET", "/openapi.json",
        Map.of("X-Request-Id", "x".repeat(65)), null);

    assertThat(sane.header("X-Request-Id")).isEqualTo("abc-123");
    assertThat(insane.header("X-Request-Id")).isNotEqualTo("x".repeat(65)).hasSize(36);
  }

  @Test
  void cors_isOffByDefault_andAnswersConfiguredOrigins() {
    Map<String, String> preflight = Map.of("Origin", "https://app.example.com",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
    Reply off = app.sendWith("OPTIONS", "/security/login", preflight, null);
    assertThat(off.header("Access-Control-Allow-Origin")).isNull();

    HttpSettings settings = HttpSettings.defaults()
        .withCorsAllowedOrigins(List.of("https://app.example.com"));
    try (TestApi cors = TestApi.start(app.keyPair, settings, null)) {
      Reply allowed = cors.sendWith("OPTIONS", "/security/login", preflight, null);
      Reply simple = cors.sendWith("GET", "/openapi.json",
          Map.of("Origin", "https://app.example.com"), null);
      Reply foreign = cors.sendWith("GET", "/openapi.json",
          Map.of("Origin", "https://evil.example.net"), null);

      assertThat(allowed.status()).isEqualTo(200);
      assertThat(allowed.header("Access-Control-Allow-Origin"))
          .isEqualTo("https://app.example.com");
      assertThat(allowed.header("Access-Control-Allow-Methods")).isEqualTo("POST");
      assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      assertThat(simple.header("Access-Control-Expose-Headers")).contains("Location");
      assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Test
  void stop_finishesTheRequestsInFlight() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    TestApi slow = TestApi.start(app.keyPair, HttpSettings.defaults(), config ->
        config.routes.get("/test/slow", ctx -> {
          entered.countDown();
          Thread.sleep(300);
          ctx.result("done");
        }));
    java.util.concurrent.CompletableFuture<Reply> inFlight =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> slow.get("/test/slow", null));
    assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    slow.close();

    Reply reply = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("done");
  }

  @Test
  void clientAddress_comesFromForwardedForOnlyBehindATrustedProxy() {
    // Registration is throttled per client address: the throttle shows which address counted.
    HttpSettings untrusting = HttpSettings.defaults();
    try (TestApi direct = TestApi.start(app.keyPair, untrusting, null)) {
      int limit = direct.policy.throttling().requestsPerAddressPerMinute();
      Reply last = null;
      for (int i = 0; i <= limit; i++) {
        // A different forwarded address each time, but the proxy is not trusted: one client.
        last = direct.send("POST", "/users", null, direct.jsonOf("email",
            TestApi.uniqueEmail("spoof"), "password", TestApi.PASSWORD));
      }
      assertThat(last.status()).isEqualTo(429);
    }
  }
}
