package dev.userservice.adapter.http.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.FieldError;
import dev.userservice.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  record Body(String email, Integer count) {}

  private final StrictJson json = new StrictJson(StrictJson.newMapper());

  private FieldError errorOf(String body) {
    try {
      json.read(body.getBytes(UTF_8), Body.class);
    } catch (InvalidInputException e) {
      return e.errors().get(0);
    }
    throw new AssertionError("accepted " + body);
  }

  @Test
  void jsonMediaTypes_areApplicationJsonAndItsSuffixes_inAnyCase() {
    assertThat(StrictJson.isJson("application/json")).isTrue();
    assertThat(StrictJson.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(StrictJson.isJson("application/merge-patch+json")).isTrue();
    assertThat(StrictJson.isJson("text/json")).isFalse();
    assertThat(StrictJson.isJson(null)).isFalse();
    assertThat(StrictJson.mediaType(null)).isEmpty();
  }

  @Test
  void aSnakeCaseBody_isRead() {
    assertThat(json.read("{\"email\":\"a@b.c\",\"count\":2}".getBytes(UTF_8), Body.class))
        .isEqualTo(new Body("a@b.c", 2));
  }

  @Test
  void eachLeniency_isA400NamingTheField() {
    assertThat(errorOf("")).isEqualTo(new FieldError("body", "is required"));
    assertThat(errorOf("null")).isEqualTo(new FieldError("body", "must be a JSON object"));
    assertThat(errorOf("{")).isEqualTo(new FieldError("body", "is not valid JSON"));
    assertThat(errorOf("{\"nope\":1}")).isEqualTo(new FieldError("nope", "is not a known field"));
    assertThat(errorOf("{\"email\":1}")).isEqualTo(new FieldError("email", "has the wrong type"));
    assertThat(errorOf("{\"email\":\"a\",\"email\":\"b\"}").field()).isEqualTo("body");
  }

  @Test
  void anObjectTree_isRequiredWhereAbsentDiffersFromNull() {
    assertThat(json.readObject("{\"first_name\":null}".getBytes(UTF_8)).has("first_name"))
        .isTrue();
    assertThatThrownBy(() -> json.readObject("[]".getBytes(UTF_8)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
            .containsExactly(new FieldError("body", "must be a JSON object")));
  }
}
