package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageTagTest {

  static final List<LanguageTag> EN_RU = List.of(LanguageTag.ENGLISH, new LanguageTag("ru"));

  @Test
  void wellFormedTags_areKeptInTheirCanonicalCase() {
    assertThat(new LanguageTag("EN").value()).isEqualTo("en");
    assertThat(new LanguageTag("pt-br").value()).isEqualTo("pt-BR");
    assertThat(new LanguageTag(" sr-latn-rs ").value()).isEqualTo("sr-Latn-RS");
    assertThat(LanguageTag.ofNullable(null, "locale")).isNull();
  }

  @Test
  void malformedTags_areInvalidInputOnTheirField() {
    for (String bad : List.of("", " ", "en_US", "english!", "x-private", "a".repeat(36), "12")) {
      assertThatThrownBy(() -> LanguageTag.ofNullable(bad, "locale"))
          .isInstanceOfSatisfying(InvalidInputException.class, e ->
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("locale"));
    }
  }

  @Test
  void tagsSeenBefore_andMoreThanAreKept_stillComeOutCanonical_andMalformedOnesStayRefused() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 300; i++) {
        assertThat(new LanguageTag("EN-X-A" + i).value()).isEqualTo("en-x-a" + i);
      }
      assertThat(new LanguageTag("pt-br").value()).isEqualTo("pt-BR");
      assertThatThrownBy(() -> new LanguageTag("en_US"))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void bestMatch_isRfc4647Lookup() {
    assertThat(new LanguageTag("en-GB").bestMatch(EN_RU)).contains(LanguageTag.ENGLISH);
    assertThat(new LanguageTag("ru").bestMatch(EN_RU)).contains(new LanguageTag("ru"));
    assertThat(new LanguageTag("de").bestMatch(EN_RU)).isEmpty();
  }

  @Test
  void negotiate_honoursQualityValues_andIgnoresWhatItCannotRead() {
    assertThat(LanguageTag.negotiate("de, ru-RU;q=0.9, en;q=0.8", EN_RU))
        .contains(new LanguageTag("ru"));
    assertThat(LanguageTag.negotiate("ru;q=0.1, en-US", EN_RU)).contains(LanguageTag.ENGLISH);
    assertThat(LanguageTag.negotiate("ru;q=0", EN_RU)).isEmpty();
    assertThat(LanguageTag.negotiate("*", EN_RU)).isEmpty();
    assertThat(LanguageTag.negotiate(";;q=x,", EN_RU)).isEmpty();
    assertThat(LanguageTag.negotiate(null, EN_RU)).isEmpty();
  }
}
