package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Password;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PasswordBlocklist} must do. An adapter's test extends this class and supplies
 * {@link #blocklist()}, which must hold at least {@link #COMMON}.
 */
public abstract class PasswordBlocklistContract {

  /** Among the most used passwords of every published list. */
  protected static final List<String> COMMON =
      List.of("password", "123456789", "qwerty123", "iloveyou", "sunshine");

  /** A list holding at least {@link #COMMON}. */
  protected abstract PasswordBlocklist blocklist();

  @Test
  void commonPasswords_areOnTheList() {
    PasswordBlocklist list = blocklist();
    for (String common : COMMON) {
      assertThat(list.contains(new Password(common))).as(common).isTrue();
    }
  }

  @Test
  void letterCase_isIgnored() {
    PasswordBlocklist list = blocklist();
    assertThat(list.contains(new Password("PassWord"))).isTrue();
    assertThat(list.contains(new Password("ILOVEYOU"))).isTrue();
  }

  @Test
  void uncommonPasswords_areNot() {
    PasswordBlocklist list = blocklist();
    for (String rare : List.of("correct horse battery", "vq8#Lm2!pZr0-unlikely", "password 1 2 3 x",
        " password", "pässwörd-ünlïkely", "x".repeat(Password.MAX_LENGTH))) {
      assertThat(list.contains(new Password(rare))).as(rare).isFalse();
    }
  }

  @Test
  void anyPassword_isAnswered_withoutThrowing() {
    PasswordBlocklist list = blocklist();
    for (String odd : List.of("\u0000", "\uD83D\uDE00\uD83D\uDE00", "\u0130STANBUL", "\t\n ",
        "\uD800", "İ".repeat(Password.MAX_LENGTH))) {
      list.contains(new Password(odd));
    }
  }
}
