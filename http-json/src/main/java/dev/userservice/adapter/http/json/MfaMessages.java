package dev.userservice.adapter.http.json;

import dev.userservice.application.EnrolTotp;
import java.util.Base64;
import java.util.List;

/** The documents of the second factor's routes ({@code /users/me/mfa}). */
public final class MfaMessages {

  public record PasswordBody(String currentPassword) {}

  public record CodeBody(String code) {}

  public record RemovalBody(String currentPassword, String code, String recoveryCode) {}

  /** The new secret three ways: to type in, as the Key URI, and that URI as a QR code (PNG). */
  public record EnrolmentJson(String secret, String otpauthUri, String qrCode) {

    /** {@code qrPng}: the Key URI's QR code as a PNG image, sent as a {@code data:} URI. */
    public static EnrolmentJson from(EnrolTotp.Enrolment enrolment, byte[] qrPng) {
      return new EnrolmentJson(enrolment.secret(), enrolment.keyUri(),
          "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng));
    }

    @Override
    public String toString() {
      return "EnrolmentJson[***]";
    }
  }

  public record RecoveryCodesJson(List<String> recoveryCodes) {

    @Override
    public String toString() {
      return "RecoveryCodesJson[***]";
    }
  }

  private MfaMessages() {}
}
