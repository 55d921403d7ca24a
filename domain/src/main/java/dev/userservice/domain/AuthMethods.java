package dev.userservice.domain;

import java.util.List;

/**
 * How a session's owner proved who they are, as the {@code amr} claim of its access tokens
 * names it (RFC 8176 method values). A session keeps what its login proved for its whole life.
 */
public enum AuthMethods {
  /** The password alone (or a code mailed to the account's address, after a reset). */
  PASSWORD(List.of("pwd")),
  /** The password and a one-time password (or one of its recovery codes). */
  PASSWORD_AND_OTP(List.of("pwd", "otp"));

  private final List<String> amr;

  AuthMethods(List<String> amr) {
    this.amr = amr;
  }

  /** The values of the {@code amr} claim. */
  public List<String> amr() {
    return amr;
  }

  /** Whether the owner passed the second factor. */
  public boolean secondFactor() {
    return this == PASSWORD_AND_OTP;
  }

  /** The methods named by {@code amr}; anything unknown counts as the password alone. */
  public static AuthMethods ofAmr(List<String> amr) {
    return amr != null && amr.contains("otp") ? PASSWORD_AND_OTP : PASSWORD;
  }
}
