package dev.userservice.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules for new passwords, as NIST SP 800-63B advises: a minimum length, no composition rules,
 * and no password that is commonly used, breached, or built from the account's email.
 */
public record PasswordPolicy(int minLength) {

  public static final int DEFAULT_MIN_LENGTH = 8;

  /**
   * The shortest part of an email address that a password may not contain: shorter ones ("al",
   * "bob") occur in too many unrelated passwords to mean the password was built from the email.
   */
  public static final int MIN_EMAIL_NAME_LENGTH = 4;

  public PasswordPolicy {
    if (minLength < 1 || minLength > Password.MAX_LENGTH) {
      throw new IllegalArgumentException("minimum password length out of range: " + minLength);
    }
  }

  public static PasswordPolicy defaults() {
    return new PasswordPolicy(DEFAULT_MIN_LENGTH);
  }

  /**
   * Checks a password that is about to be set for the account with {@code email}: the length
   * rule, then that it contains none of the names in the email's local part, ignoring case. Those
   * are the local part itself, the part before a {@code +} tag, that part without its dots,
   * hyphens and underscores, and each piece between them ({@code ada.lovelace+news@...} gives
   * {@code ada.lovelace+news}, {@code ada.lovelace}, {@code adalovelace} and {@code lovelace});
   * names shorter than {@value #MIN_EMAIL_NAME_LENGTH} characters are allowed. {@code field} names
   * the password in the error. Whether the password is a common one is the
   * {@link dev.userservice.domain.port.PasswordBlocklist}'s to say.
   *
   * @throws InvalidInputException naming {@code field} when a rule is broken
   */
  public Password check(Password password, String field, Email email) {
    check(password, field);
    String lowered = password.value().toLowerCase(Locale.ROOT);
    for (String name : emailNames(email)) {
      if (name.length() >= MIN_EMAIL_NAME_LENGTH && lowered.contains(name)) {
        throw InvalidInputException.of(field,
            "must not contain a name from the email address (the part before @)");
      }
    }
    return password;
  }

  private static List<String> emailNames(Email email) {
    String local = email.value().substring(0, email.value().lastIndexOf('@'));
    int plus = local.indexOf('+');
    String base = plus < 0 ? local : local.substring(0, plus);
    List<String> names = new ArrayList<>(List.of(local, base, base.replaceAll("[._-]", "")));
    names.addAll(List.of(base.split("[._-]")));
    return names;
  }

  /** Checks the length of a password that is about to be set; {@code field} names it. */
  public Password check(Password password, String field) {
    String value = password.value();
    if (value.codePointCount(0, value.length()) < minLength) {
      throw InvalidInputException.of(field, "must be at least " + minLength + " characters");
    }
    return password;
  }
}
