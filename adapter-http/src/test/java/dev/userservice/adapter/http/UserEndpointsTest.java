package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.domain.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  private static Reply register(String email) {
    return app.send("POST", "/users", null, app.jsonOf("email", email, "password",
        TestApi.PASSWORD, "first_name", " Ada ", "last_name", "Lovelace"));
  }

  @Test
  void register_returns201WithLocationAndTheUserWithoutItsHash() {
    String email = TestApi.uniqueEmail("Reg").toUpperCase(java.util.Locale.ROOT);
    String now = app.clock.now().toString();
    Reply reply = register(email);

    assertThat(reply.status()).isEqualTo(201);
    JsonNode user = reply.json();
    assertThat(reply.header("Location")).isEqualTo("/users/" + user.get("id").asText());
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(user.get("email").asText()).isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
    assertThat(user.get("first_name").asText()).isEqualTo("Ada");
    assertThat(user.get("last_name").asText()).isEqualTo("Lovelace");
    assertThat(user.get("locale").asText()).isEqualTo("en");
    assertThat(user.get("role").asText()).isEqualTo("USER");
    assertThat(user.get("email_verified").asBoolean()).isFalse();
    assertThat(user.get("email_verified_at").isNull()).isTrue();
    assertThat(user.get("created_at").asText()).isEqualTo(now);
    assertThat(user.get("updated_at").asText()).isEqualTo(now);
    assertThat(user.get("version").asLong()).isZero();
    assertThat(reply.body()).doesNotContain("argon2").doesNotContain("hash");
    assertThat(app.latestMail(email.toLowerCase(java.util.Locale.ROOT))).isPresent();
  }

  @Test
  void register_withTakenEmail_is409() {
    String email = TestApi.uniqueEmail("taken");
    assertThat(register(email).status()).isEqualTo(201);

    Reply again = register(email.toUpperCase(java.util.Locale.ROOT));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void register_withInvalidFields_is400ListingEachField() {
    Reply reply = app.send("POST", "/users", null, app.jsonOf("email", "not-an-email",
        "password", "", "first_name", "x".repeat(51)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(fields(reply)).containsExactlyInAnyOrder("email", "password", "first_name");
  }

  @Test
  void register_takesTheLocaleField_elseAcceptLanguage_andWritesTheLetterInIt() {
    String chosen = TestApi.uniqueEmail("ru");
    String negotiated = TestApi.uniqueEmail("neg");
    Reply byField = app.send("POST", "/users", null, app.jsonOf("email", chosen, "password",
        TestApi.PASSWORD, "locale", "ru-RU"));
    Reply byHeader = app.sendWith("POST", "/users", Map.of("Content-Type", "application/json",
        "Accept-Language", "fr-CH, ru;q=0.9, en;q=0.8"), app.jsonOf("email", negotiated,
        "password", TestApi.PASSWORD));

    assertThat(byField.status()).isEqualTo(201);
    assertThat(byField.json().get("locale").asText()).isEqualTo("ru");
    assertThat(byHeader.json().get("locale").asText()).isEqualTo("ru");
    assertThat(app.latestMail(chosen).orElseThrow().text()).startsWith("Здравствуйте!");
  }

  @Test
  void register_withALanguageLettersAreNotWrittenIn_is400OnLocale_andCreatesNothing() {
    String email = TestApi.uniqueEmail("de");
    Reply unsupported = app.send("POST", "/users", null, app.jsonOf("email", email, "password",
        TestApi.PASSWORD, "locale", "de"));
    Reply malformed = app.send("POST", "/users", null, app.jsonOf("email", email, "password",
        TestApi.PASSWORD, "locale", "not a tag"));

    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(fields(unsupported)).containsExactly("locale");
    assertThat(unsupported.body()).contains("en, ru");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(fields(malformed)).containsExactly("locale");
    assertThat(app.latestMail(email)).isEmpty();
  }

  @Test
  void ownLocale_isEditable_andReturnedInTheProfile() {
    Account user = app.user();

    Reply edited = app.send("PATCH", "/users/me", user.accessToken(), app.jsonOf("locale", "ru"));
    Reply refused = app.send("PATCH", "/users/me", user.accessToken(), app.jsonOf("locale", 7));

    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().get("locale").asText()).isEqualTo("ru");
    assertThat(app.get("/users/me", user.accessToken()).json().get("locale").asText())
        .isEqualTo("ru");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(fields(refused)).containsExactly("locale");
  }

  @Test
  void register_withTooShortPassword_is400() {
    Reply reply = app.send("POST", "/users", null,
        app.jsonOf("email", TestApi.uniqueEmail("short"), "password", "short"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(fields(reply)).containsExactly("password");
  }

  @Test
  void register_fromOneAddressTooOften_is429WithRetryAfter() {
    java.util.Map<String, String> headers = java.util.Map.of("Content-Type", "application/json",
        "X-Forwarded-For", "203.0.113.77");
    Reply last = null;
    for (int i = 0; i <= app.policy.throttling().requestsPerAddressPerMinute(); i++) {
      last = app.sendWith("POST", "/users", headers, app.jsonOf("email",
          TestApi.uniqueEmail("flood"), "password", TestApi.PASSWORD));
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
  }

  @Test
  void ownProfile_isReadAndEdited_absentFieldsStay_nullClears() {
    Account user = app.user();
    Reply named = app.send("PATCH", "/users/me", user.accessToken(),
        app.jsonOf("first_name", "Grace", "last_name", "Hopper"));
    assertThat(named.status()).isEqualTo(200);

    Reply cleared = app.send("PATCH", "/users/me", user.accessToken(),
        "{\"first_name\": null}");

    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().get("first_name").isNull()).isTrue();
    assertThat(cleared.json().get("last_name").asText()).isEqualTo("Hopper");
    Reply me = app.get("/users/me", user.accessToken());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("email").asText()).isEqualTo(user.email());
    assertThat(me.json().get("last_name").asText()).isEqualTo("Hopper");
    assertThat(me.json().get("version").asLong()).isEqualTo(2);
  }

  @Test
  void ownEmailChange_needsTheCurrentPassword_andMustBeVerifiedAgain() {
    Account user = app.user();
    String newEmail = TestApi.uniqueEmail("moved");

    Reply without = app.send("PATCH", "/users/me", user.accessToken(),
        app.jsonOf("email", newEmail));
    Reply wrong = app.send("PATCH", "/users/me", user.accessToken(),
        app.jsonOf("email", newEmail, "current_password", "not the password"));
    Reply right = app.send("PATCH", "/users/me", user.accessToken(),
        app.jsonOf("email", newEmail, "current_password", TestApi.PASSWORD));

    assertThat(without.status()).isEqualTo(400);
    assertThat(fields(without)).containsExactly("current_password");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.json().get("email").asText()).isEqualTo(newEmail);
    assertThat(right.json().get("email_verified").asBoolean()).isFalse();
    assertThat(app.latestCode(newEmail)).hasSize(6);
  }

  @Test
  void editWithStaleVersion_is409() {
    Account user = app.user();
    Reply stale = app.send("PATCH", "/users/me", user.accessToken(),
        app.jsonOf("first_name", "Late", "version", 7));

    assertThat(stale.status()).isEqualTo(409);
  }

  @Test
  void userChangingOwnRole_is403() {
    Account user = app.user();
    Reply reply = app.send("PATCH", "/users/me", user.accessToken(), app.jsonOf("role", "ADMIN"));

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void admin_readsEditsAndDeletesAnyUser() {
    Account admin = app.admin();
    Account user = app.user();
    String path = "/users/" + user.id();

    Reply read = app.get(path, admin.accessToken());
    Reply promoted = app.send("PATCH", path, admin.accessToken(),
        app.jsonOf("role", "admin", "version", 0));
    Reply deleted = app.send("DELETE", path, admin.accessToken(), null);
    Reply gone = app.get(path, admin.accessToken());
    Reply deleteAgain = app.send("DELETE", path, admin.accessToken(), null);

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("email").asText()).isEqualTo(user.email());
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(promoted.json().get("role").asText()).isEqualTo("ADMIN");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(gone.status()).isEqualTo(404);
    assertThat(deleteAgain.status()).isEqualTo(404);
    assertThat(app.send("PATCH", path, admin.accessToken(), "{}").status()).isEqualTo(404);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void finding4_promotingANeverVerifiedAccount_is409_verifyFirst() {
    Account admin = app.admin();
    Account unverified = app.account(Role.USER, false);

    Reply reply = app.send("PATCH", "/users/" + unverified.id(), admin.accessToken(),
        app.jsonOf("role", "ADMIN"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().get("detail").asText()).contains("verify");
    assertThat(app.get("/users/" + unverified.id(), admin.accessToken()).json().get("role")
        .asText()).isEqualTo("USER");
  }

  @Test
  void roleChange_endsTheTargetsSessionsAtOnce() {
    Account admin = app.admin();
    Account user = app.user();

    app.send("PATCH", "/users/" + user.id(), admin.accessToken(), app.jsonOf("role", "ADMIN"));

    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void malformedUserId_is400_andUnknownId404() {
    Account admin = app.admin();

    Reply malformed = app.get("/users/not-a-uuid", admin.accessToken());
    Reply unknown = app.get("/users/00000000-0000-7000-8000-000000000000", admin.accessToken());
    Reply deleteMalformed = app.send("DELETE", "/users/nope", admin.accessToken(), null);
    Reply patchMalformed = app.send("PATCH", "/users/nope", admin.accessToken(), "{}");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(fields(malformed)).containsExactly("id");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(deleteMalformed.status()).isEqualTo(400);
    assertThat(patchMalformed.status()).isEqualTo(400);
  }

  @Test
  void adminEmailChangeOfAFreshlyRegisteredUser_isThrottled429() {
    Account admin = app.admin();
    String email = TestApi.uniqueEmail("fresh");
    String id = register(email).json().get("id").asText();

    Reply reply = app.send("PATCH", "/users/" + id, admin.accessToken(),
        app.jsonOf("email", TestApi.uniqueEmail("other")));

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Retry-After")).isNotNull();
  }

  @Test
  void ownEmailChangeRightAfterRegistering_isThrottled429() {
    String email = TestApi.uniqueEmail("eager");
    register(email);
    String token = login(email);

    Reply reply = app.send("PATCH", "/users/me", token, app.jsonOf("email",
        TestApi.uniqueEmail("eager2"), "current_password", TestApi.PASSWORD));

    assertThat(reply.status()).isEqualTo(429);
  }

  @Test
  void list_pagesNewestFirst_withFiltersAndCount() {
    Account admin = app.admin();
    String marker = "pagemark" + System.nanoTime();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      app.clock.advance(Duration.ofSeconds(1));
      created.add(register(marker + i + "@example.com").json().get("id").asText());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page = app.get("/users?limit=2&email=" + marker
          + (cursor == null ? "" : "&cursor=" + cursor), admin.accessToken());
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(item -> seen.add(item.get("id").asText()));
      cursor = page.json().get("next_cursor").isNull() ? null
          : page.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    java.util.Collections.reverse(created);
    assertThat(seen).containsExactlyElementsOf(created);
    Reply count = app.get("/users/count?email=" + marker + "&role=user&email_verified=false"
        + "&created_after=2029-12-31T00:00:00Z&created_before=2031-01-01T00:00:00%2B01:00",
        admin.accessToken());
    assertThat(count.status()).isEqualTo(200);
    assertThat(count.json().get("count").asLong()).isEqualTo(5);
    Reply verifiedOnly = app.get("/users?email=" + marker + "&email_verified=true",
        admin.accessToken());
    assertThat(verifiedOnly.json().get("items")).isEmpty();
    assertThat(app.get("/users", admin.accessToken()).json().get("items").size()).isBetween(1, 20);
  }

  @Test
  void listAndCount_rejectBadParameters() {
    Account admin = app.admin();

    Reply badLimit = app.get("/users?limit=101", admin.accessToken());
    Reply zeroLimit = app.get("/users?limit=0", admin.accessToken());
    Reply badRole = app.get("/users?role=ROOT", admin.accessToken());
    Reply badCursor = app.get("/users?cursor=garbage!", admin.accessToken());
    Reply unknown = app.get("/users/count?colour=blue", admin.accessToken());
    Reply badDate = app.get("/users/count?created_after=yesterday&email_verified=maybe",
        admin.accessToken());
    Reply reversed = app.get("/users/count?created_after=2030-01-02T00:00:00Z"
        + "&created_before=2030-01-01T00:00:00Z", admin.accessToken());

    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(fields(badLimit)).containsExactly("limit");
    assertThat(zeroLimit.status()).isEqualTo(400);
    assertThat(fields(badRole)).containsExactly("role");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(fields(badCursor)).containsExactly("cursor");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(fields(unknown)).containsExactly("colour");
    assertThat(fields(badDate)).containsExactlyInAnyOrder("created_after", "email_verified");
    assertThat(fields(reversed)).containsExactly("created_before");
  }

  @Test
  void verification_resendIsThrottled_wrongCodeHasAReason_rightCodeVerifies() {
    String email = TestApi.uniqueEmail("verify");
    register(email);
    String token = login(email);

    Reply tooSoon = app.send("POST", "/users/me/verification-code", token, null);
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.header("Retry-After")).isNotNull();

    app.clock.advance(Duration.ofSeconds(61));
    token = login(email);
    Reply resent = app.send("POST", "/users/me/verification-code", token, null);
    assertThat(resent.status()).isEqualTo(202);
    String code = app.latestCode(email);

    String wrongCode = code.equals("000000") ? "111111" : "000000";
    Reply wrong = app.send("POST", "/users/me/verification", token, app.jsonOf("code", wrongCode));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("reason").asText()).isEqualTo("wrong");

    Reply malformed = app.send("POST", "/users/me/verification", token, app.jsonOf("code", "12ab"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(fields(malformed)).containsExactly("code");

    Reply verified = app.send("POST", "/users/me/verification", token, app.jsonOf("code", code));
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("email_verified").asBoolean()).isTrue();
    assertThat(verified.json().get("email_verified_at").asText()).isNotEmpty();

    Reply again = app.send("POST", "/users/me/verification", token, app.jsonOf("code", code));
    assertThat(again.status()).isEqualTo(409);
    Reply resendVerified = app.send("POST", "/users/me/verification-code", token, null);
    assertThat(resendVerified.status()).isEqualTo(409);
  }

  @Test
  void verification_withoutALiveCode_isExpired_andFiveWrongAttemptsExhaustIt() {
    Account unverified = app.account(Role.USER, false);
    Reply none = app.send("POST", "/users/me/verification", unverified.accessToken(),
        app.jsonOf("code", "123456"));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("reason").asText()).isEqualTo("expired");

    assertThat(app.send("POST", "/users/me/verification-code", unverified.accessToken(), null)
        .status()).isEqualTo(202);
    String code = app.latestCode(unverified.email());
    String wrongCode = code.equals("000000") ? "111111" : "000000";
    Set<String> reasons = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      reasons.add(app.send("POST", "/users/me/verification", unverified.accessToken(),
          app.jsonOf("code", wrongCode)).json().get("reason").asText());
    }
    Reply afterwards = app.send("POST", "/users/me/verification", unverified.accessToken(),
        app.jsonOf("code", code));

    assertThat(reasons).contains("exhausted");
    assertThat(afterwards.status()).isEqualTo(400);
  }

  @Test
  @DisplayName("finding 7: code confirmations from one address are limited (429)")
  void verification_fromOneAddressTooOften_is429() {
    Account unverified = app.account(Role.USER, false);
    Map<String, String> headers = Map.of("Content-Type", "application/json",
        "X-Forwarded-For", "203.0.113.97", "Authorization", "Bearer " + unverified.accessToken());
    Reply last = null;
    for (int i = 0; i <= app.policy.throttling().requestsPerAddressPerMinute(); i++) {
      last = app.sendWith("POST", "/users/me/verification", headers,
          app.jsonOf("code", "123456"));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
  }

  static List<String> fields(Reply reply) {
    List<String> fields = new ArrayList<>();
    JsonNode errors = reply.json() == null ? null : reply.json().get("errors");
    if (errors != null) {
      errors.forEach(error -> fields.add(error.get("field").asText()));
    }
    return fields;
  }

  private static String login(String email) {
    Reply reply = app.send("POST", "/security/login", null,
        app.jsonOf("email", email, "password", TestApi.PASSWORD));
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get("access_token").asText();
  }

  @Test
  void aProfile_showsItsCustomAttributes_asJsonObjects() {
    assertThat(app.get("/users/me", app.user().accessToken()).json().get("metadata").toString())
        .isEqualTo("{}");
    Account user = app.user();
    var stored = app.users.port().findById(user.id()).orElseThrow();
    app.users.port().update(stored.withMetadata(dev.userservice.domain.Metadata.parse(
        "{\"theme\":\"dark\",\"tags\":[\"a\",1]}", "metadata"), app.clock.now())
        .withAppMetadata(dev.userservice.domain.Metadata.parse("{\"plan\":\"pro\"}",
            "app_metadata"), app.clock.now()));

    JsonNode me = app.get("/users/me", user.accessToken()).json();

    assertThat(me.get("metadata").get("theme").asText()).isEqualTo("dark");
    assertThat(me.get("metadata").get("tags").get(1).asInt()).isEqualTo(1);
    assertThat(me.get("app_metadata").get("plan").asText()).isEqualTo("pro");
  }

  @Test
  void theOwner_editsMetadata_onlyAnAdministrator_editsAppMetadata_withinTheLimits() {
    Account user = app.user();
    Account admin = app.admin();

    Reply own = app.send("PATCH", "/users/me", user.accessToken(),
        "{\"metadata\":{\"theme\":\"dark\",\"digest\":{\"weekly\":true}}}");
    Reply ownApp = app.send("PATCH", "/users/me", user.accessToken(),
        "{\"app_metadata\":{\"plan\":\"enterprise\"}}");
    Reply byAdmin = app.send("PATCH", "/users/" + user.id(), admin.accessToken(),
        "{\"app_metadata\":{\"plan\":\"pro\"}}");
    Reply tooDeep = app.send("PATCH", "/users/me", user.accessToken(),
        "{\"metadata\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}}");
    Reply tooBig = app.send("PATCH", "/users/me", user.accessToken(),
        "{\"metadata\":{\"k\":\"" + "x".repeat(4100) + "\"}}");
    Reply notAnObject = app.send("PATCH", "/users/me", user.accessToken(),
        "{\"metadata\":[1],\"app_metadata\":\"x\"}");

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("metadata").toString())
        .isEqualTo("{\"digest\":{\"weekly\":true},\"theme\":\"dark\"}");
    assertThat(ownApp.status()).isEqualTo(403);
    assertThat(byAdmin.status()).isEqualTo(200);
    assertThat(byAdmin.json().get("app_metadata").get("plan").asText()).isEqualTo("pro");
    assertThat(byAdmin.json().get("metadata").get("theme").asText()).isEqualTo("dark");
    assertThat(tooDeep.status()).isEqualTo(400);
    assertThat(fields(tooDeep)).containsExactly("metadata");
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(fields(notAnObject)).containsExactlyInAnyOrder("metadata", "app_metadata");
    assertThat(app.auditTrail.entries()).filteredOn(entry -> user.id().equals(entry.subject())
            && entry.type() == dev.userservice.domain.event.EventType.METADATA_CHANGED)
        .extracting(entry -> entry.details().get("fields"))
        .containsExactlyInAnyOrder("metadata", "app_metadata");
  }

  @Test
  void listAndCount_filterByOneAppMetadataMember_inDeepObjectForm() {
    Account admin = app.admin();
    String tenant = "tenant-" + System.nanoTime();
    Account member = app.user();
    Account other = app.user();
    assertThat(app.send("PATCH", "/users/" + member.id(), admin.accessToken(),
        "{\"app_metadata\":{\"tenant\":\"" + tenant + "\",\"seats\":5}}").status())
        .isEqualTo(200);
    assertThat(app.send("PATCH", "/users/" + other.id(), admin.accessToken(),
        "{\"app_metadata\":{\"tenant\":\"" + tenant + "-2\",\"seats\":\"5\"}}").status())
        .isEqualTo(200);

    Reply list = app.get("/users?app_metadata%5Btenant%5D=" + tenant, admin.accessToken());
    Reply count = app.get("/users/count?app_metadata[tenant]=" + tenant + "&role=user",
        admin.accessToken());
    Reply bySeats = app.get("/users?app_metadata[seats]=5.0&limit=100", admin.accessToken());
    Reply twoKeys = app.get("/users?app_metadata[tenant]=a&app_metadata[seats]=5",
        admin.accessToken());
    Reply bare = app.get("/users/count?app_metadata=tenant", admin.accessToken());
    Reply emptyKey = app.get("/users?app_metadata[]=x", admin.accessToken());
    Reply asUser = app.get("/users?app_metadata[tenant]=" + tenant, member.accessToken());

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("items")).singleElement()
        .satisfies(item -> assertThat(item.get("id").asText()).isEqualTo(member.id().toString()));
    assertThat(count.json().get("count").asLong()).isEqualTo(1);
    assertThat(bySeats.json().get("items").findValuesAsText("id"))
        .contains(member.id().toString()).doesNotContain(other.id().toString());
    for (Reply refused : List.of(twoKeys, bare, emptyKey)) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(fields(refused)).contains("app_metadata");
    }
    assertThat(asUser.status()).isEqualTo(403);
  }
}
