package dev.userservice.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.FieldError;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  private static QueryParameters query(String... nameValues) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      values.computeIfAbsent(nameValues[i], name -> new ArrayList<>())
          .add(nameValues[i + 1]);
    }
    return new QueryParameters(values);
  }

  private static List<FieldError> errors(FieldErrors check) {
    try {
      check.throwIfAny();
      return List.of();
    } catch (InvalidInputException e) {
      return e.errors();
    }
  }

  @Test
  void anEmptyValue_isTheSameAsNone() {
    QueryParameters query = query("email", "", "cursor", "abc", "cursor", "def");

    assertThat(query.single("email")).isNull();
    assertThat(query.single("absent")).isNull();
    assertThat(query.single("cursor")).isEqualTo("abc");
    assertThat(query.all("absent")).isEmpty();
  }

  @Test
  void unknownAndRepeatedParameters_areRefused_inTheRequestsOrder() {
    FieldErrors check = new FieldErrors();
    query("limit", "1", "limit", "2", "bogus", "x", "type", "a", "type", "b",
        "app_metadata[plan]", "pro")
        .requireKnown(Set.of("limit", "type"), Set.of("type"), check);

    assertThat(errors(check)).containsExactly(
        new FieldError("limit", "must be given at most once"),
        new FieldError("bogus", "is not a known query parameter"),
        new FieldError("app_metadata[plan]", "is not a known query parameter"));
  }

  @Test
  void appMetadataAmongTheKnown_admitsItsBracketedForm() {
    FieldErrors check = new FieldErrors();
    query("app_metadata[plan]", "pro").requireKnown(Set.of("app_metadata"), check);

    assertThat(check.isEmpty()).isTrue();
  }

  @Test
  void limit_isTwentyByDefault_andOneToAHundred() {
    assertThat(query().limit()).isEqualTo(20);
    assertThat(query("limit", "100").limit()).isEqualTo(100);
    assertThatThrownBy(() -> query("limit", "0").limit())
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.errors()).containsExactly(
                new FieldError("limit", "must be an integer between 1 and 100")));
    assertThatThrownBy(() -> query("limit", "x").limit())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void booleansAndInstants_parseOrNameTheirParameter() {
    QueryParameters query = query("verified", "TRUE", "after", "2025-01-31T12:00:00+01:00",
        "bad", "yes");

    assertThat(query.bool("verified")).isTrue();
    assertThat(query.bool("absent")).isNull();
    assertThat(query.instant("after")).isEqualTo(Instant.parse("2025-01-31T11:00:00Z"));
    assertThatThrownBy(() -> query.bool("bad"))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.errors()).containsExactly(new FieldError("bad", "must be true or false")));
    assertThatThrownBy(() -> query.instant("bad"))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.errors().get(0).field()).isEqualTo("bad"));
  }
}
