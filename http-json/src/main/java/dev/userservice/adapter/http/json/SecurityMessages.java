package dev.userservice.adapter.http.json;

import dev.userservice.application.AuthTokens;
import dev.userservice.application.LoginResult;
import dev.userservice.domain.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@code /security} routes' documents: login, refresh, logout, password change and reset. */
public final class SecurityMessages {

  public record LoginBody(String email, String password) {}

  public record SecondFactorBody(String challenge, String code, String recoveryCode) {}

  /**
   * The answer to a right password for an account with a second factor: no tokens, a challenge
   * for {@code POST /security/login/mfa}. A 200, as the password step did succeed (the shape of
   * Okta's and Auth0's MFA-required answers, which also carry a short-lived token to continue).
   */
  public record SecondFactorRequiredJson(boolean mfaRequired, String challenge, long expiresIn,
      List<String> methods) {

    public static SecondFactorRequiredJson from(LoginResult.SecondFactorRequired required,
        Clock clock) {
      return new SecondFactorRequiredJson(true, required.challenge(),
          SecurityMessages.expiresIn(clock, required.expiresAt()),
          List.of("totp", "recovery_code"));
    }

    @Override
    public String toString() {
      return "SecondFactorRequiredJson[***]";
    }
  }

  public record RefreshBody(String refreshToken) {}

  public record PasswordChangeBody(String currentPassword, String newPassword) {}

  public record ResetRequestBody(String email) {}

  public record ResetConfirmBody(String email, String code, String newPassword) {}

  public record InvitationAcceptBody(String email, String code, String password) {}

  public record TokensJson(String accessToken, String refreshToken, String tokenType,
      long expiresIn) {

    public static TokensJson from(AuthTokens tokens, Clock clock) {
      return new TokensJson(tokens.accessToken(), tokens.refreshToken(), "Bearer",
          SecurityMessages.expiresIn(clock, tokens.accessTokenExpiresAt()));
    }

    @Override
    public String toString() {
      return "TokensJson[***]";
    }
  }

  private SecurityMessages() {}

  /** The {@code expires_in} of a token response: whole seconds from now, rounded. */
  public static long expiresIn(Clock clock, Instant expiresAt) {
    long millis = Duration.between(clock.now(), expiresAt).toMillis();
    return Math.max(0, (millis + 500) / 1000);
  }
}
