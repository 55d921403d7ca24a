package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

  @Test
  void digestsTheUtf8BytesOfTheText_asFips180Says() {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assertThat(Sha256.hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.digest("abc")).hasSize(32);
  }

  @Test
  void textBeyondAscii_isDigestedAsUtf8() {
    // U+00E9 is C3 A9 in UTF-8 (E9 alone in Latin-1, whose digest begins de2e331d).
    assertThat(Sha256.hex("\u00e9"))
        .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  }
}
