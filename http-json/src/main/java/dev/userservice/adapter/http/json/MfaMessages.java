package dev.userservice.adapter.http.json;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.userservice.application.EnrolTotp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The documents of the second factor's routes ({@code /users/me/mfa}). */
public final class MfaMessages {

  public record PasswordBody(String currentPassword) {}

  public record CodeBody(String code) {}

  public record RemovalBody(String currentPassword, String code, String recoveryCode) {}

  /** The new secret three ways: to type in, as the Key URI, and that URI as a QR code (PNG). */
  public record EnrolmentJson(String secret, String otpauthUri, String qrCode) {

    /** With the Key URI's QR code as a PNG image, sent as a {@code data:} URI. */
    public static EnrolmentJson from(EnrolTotp.Enrolment enrolment) {
      return new EnrolmentJson(enrolment.secret(), enrolment.keyUri(),
          "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng(enrolment.keyUri())));
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

  private static final int QR_SIZE = 240;

  /** {@code text} as a QR code (error correction M, a two-module margin), a PNG image. */
  static byte[] qrPng(String text) {
    try {
      BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
              EncodeHintType.MARGIN, 2));
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "PNG", png);
      return png.toByteArray();
    } catch (WriterException e) {
      throw new IllegalStateException("a Key URI always fits a QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MfaMessages() {}
}
