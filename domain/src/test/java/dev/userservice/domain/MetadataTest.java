package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataTest {

  private static Metadata parse(String text) {
    return Metadata.parse(text, "metadata");
  }

  private static String refusal(String text) {
    try {
      parse(text);
    } catch (InvalidInputException e) {
      assertThat(e.errors()).singleElement().satisfies(error ->
          assertThat(error.field()).isEqualTo("metadata"));
      return e.errors().get(0).message();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void theCanonicalForm_sortsMembers_dropsWhitespace_andWritesNumbersPlain() {
    assertThat(parse(" { \"plan\" : \"pro\", \"seats\": 1e2, \"a\": [1.50, -0, true, null,"
        + " {\"z\":1,\"y\":\"\\u00e9\\/\"}] } ").json())
        .isEqualTo("{\"a\":[1.50,0,true,null,{\"y\":\"é/\",\"z\":1}],\"plan\":\"pro\","
            + "\"seats\":100}");
    assertThat(parse("{}")).isEqualTo(Metadata.EMPTY);
    assertThat(Metadata.EMPTY.isEmpty()).isTrue();
    // What PostgreSQL's jsonb prints back reads as the same value.
    assertThat(parse("{\"seats\": 100, \"plan\": \"pro\"}"))
        .isEqualTo(parse("{\"plan\":\"pro\",\"seats\":1E+2}"));
  }

  @Test
  void stringsKeep_everyCharacter_escapedOnlyWhereJsonRequires() {
    String canonical = parse("{\"k\":\"line\\nbreak \\\"quoted\\\" \\\\ \\u0001 😀\"}").json();

    assertThat(canonical).isEqualTo("{\"k\":\"line\\nbreak \\\"quoted\\\" \\\\ \\u0001 😀\"}");
    assertThat(parse(canonical).json()).isEqualTo(canonical);
  }

  @Test
  void fiveLevels_areAllowed_sixAreNot() {
    assertThat(parse("{\"a\":{\"b\":[{\"c\":[1]}]}}").json()).isEqualTo("{\"a\":{\"b\":[{\"c\":[1]}]}}");
    assertThat(refusal("{\"a\":{\"b\":[{\"c\":[[1]]}]}}")).contains("at most 5 levels");
  }

  @Test
  void fourKibibytes_areAllowed_oneByteMoreIsNot() {
    String filler = "x".repeat(Metadata.MAX_BYTES - "{\"k\":\"\"}".length());
    assertThat(parse("{\"k\":\"" + filler + "\"}").json()).hasSize(Metadata.MAX_BYTES);
    assertThat(refusal("{\"k\":\"" + filler + "y\"}")).contains("at most 4096 bytes");
    // Counted in UTF-8 bytes, not characters.
    assertThat(refusal("{\"k\":\"" + "é".repeat(2100) + "\"}")).contains("4096 bytes");
    assertThat(refusal("{\"k\":1e999999999}")).contains("4096 bytes");
    assertThat(refusal("{\"k\":1e-999999999}")).contains("4096 bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"x\"", "1", "null", "{", "{\"a\"}", "{\"a\":}",
      "{\"a\":1,}", "{a:1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}",
      "{\"a\":NaN}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{} {}",
      "{\"a\":\"tab\there\"}", "{'a':1}"})
  void anythingButOneJsonObject_isRefused(String text) {
    assertThat(refusal(text)).isNotBlank();
  }

  @Test
  void duplicateNames_nul_andUnpairedSurrogates_areRefused() {
    assertThat(refusal("{\"a\":1,\"a\":2}")).contains("\"a\" twice");
    assertThat(refusal("{\"a\":\"\\u0000\"}")).contains("\\u0000");
    assertThat(refusal("{\"a\":\"\\ud800\"}")).contains("unpaired surrogate");
    assertThat(refusal("{\"a\":\"\\udc00x\"}")).contains("unpaired surrogate");
  }

  @Test
  void members_areTheTopLevelValues_asJavaValues() {
    Map<String, Object> members = parse(
        "{\"plan\":\"pro\",\"seats\":5,\"ratio\":1.50,\"beta\":true,\"none\":null,"
            + "\"tags\":[\"a\"],\"limits\":{\"api\":10}}").members();

    assertThat(members).containsEntry("plan", "pro")
        .containsEntry("seats", new BigDecimal("5"))
        .containsEntry("ratio", new BigDecimal("1.50"))
        .containsEntry("beta", true)
        .containsEntry("none", null)
        .containsEntry("tags", List.of("a"))
        .containsEntry("limits", Map.of("api", new BigDecimal("10")));
    assertThatThrownBy(() -> members.put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Metadata.EMPTY.members()).isEmpty();
  }

  @Test
  void onlyCanonicalText_buildsAValueDirectly() {
    assertThatThrownBy(() -> new Metadata("{ }")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Metadata("{\"b\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Metadata("{\"a\":2,\"b\":1}").json()).isEqualTo("{\"a\":2,\"b\":1}");
  }
}
