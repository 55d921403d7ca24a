package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureRandomSourceTest {

  private final SecureRandomSource random = new SecureRandomSource();

  @Test
  void bytes_haveTheRequestedLength_andDifferEachTime() {
    assertThat(random.bytes(32)).hasSize(32).isNotEqualTo(random.bytes(32));
    assertThat(random.bytes(0)).isEmpty();
  }

  @Test
  void nextInt_staysWithinItsBound_andCoversIt() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      int value = random.nextInt(10);
      assertThat(value).isBetween(0, 9);
      seen.add(value);
    }
    assertThat(seen).hasSize(10);
  }
}
