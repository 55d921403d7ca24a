package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Mail;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The letters the service sends: short, plain English, in text and simple HTML. */
final class Letters {

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private Letters() {}

  /** A letter carrying {@code code}; it expires with the code, and is not sent after. */
  static Mail code(Email to, CodePurpose purpose, VerificationCode code, Duration validFor,
      Instant expiresAt) {
    long minutes = Math.max(1, validFor.toMinutes());
    Mail letter = switch (purpose) {
      // The code stays out of the subject: subjects show on lock screens and in mail logs.
      case EMAIL_VERIFICATION -> letter(to, "Your verification code",
          "Your code to verify this email address is:",
          code.digits(),
          "It is valid for " + minutes + " minutes and can be used once.",
          "If you did not create an account, ignore this letter; the account will be removed.");
      case PASSWORD_RESET -> letter(to, "Your password reset code",
          "Your code to reset your password is:",
          code.digits(),
          "It is valid for " + minutes + " minutes and can be used once.",
          "If you did not ask to reset your password, ignore this letter; your password stays"
              + " as it is.");
    };
    return new Mail(letter.to(), letter.subject(), letter.text(), letter.html(), expiresAt);
  }

  /**
   * The notice to the old address. The new address is masked: whoever reads the old mailbox (it
   * may be why the address changed) learns that it changed, not where to.
   */
  static Mail emailChanged(Email oldAddress, Email newAddress) {
    return letter(oldAddress, "Your email address was changed",
        "The email address of your account was changed to:",
        masked(newAddress),
        "From now on, letters and password resets go to the new address.",
        "If you did not make this change, reset your password and contact an administrator.");
  }

  /** Told once per lock, when too many wrong reset codes pause password resets. */
  static Mail passwordResetLocked(Email to) {
    return letter(to, "Password reset paused for your account",
        "Password reset for your account is paused:",
        "too many wrong reset codes",
        "Someone entered many wrong codes to reset your password. Your password has not changed"
            + " and you can still log in with it; password reset works again later.",
        "If this was not you, nothing is needed; if it keeps happening, contact an"
            + " administrator.");
  }

  /** {@code ada.l@example.co.uk} as {@code a***@e***.uk}: enough to recognise, not to use. */
  static String masked(Email email) {
    String value = email.value();
    int at = value.lastIndexOf('@');
    String domain = value.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    String topLevel = dot > 0 ? domain.substring(dot) : "";
    return firstCharacter(value.substring(0, at)) + "***@" + firstCharacter(domain) + "***"
        + topLevel;
  }

  private static String firstCharacter(String text) {
    return text.isEmpty() ? "" : text.substring(0, text.offsetByCodePoints(0, 1));
  }

  /**
   * The notice that the account's password was changed ({@code reset} false) or reset with a
   * mailed code ({@code reset} true). It names when, never the password.
   */
  static Mail passwordChanged(Email to, boolean reset, Instant when) {
    String how = reset ? "reset" : "changed";
    return letter(to, "Your password was " + how,
        "The password of your account was " + how + " at:",
        minutes(when),
        reset ? "Every session of the account was ended." : "Every other session of the account"
            + " was ended.",
        "If you did not make this change, reset your password now and contact an"
            + " administrator.");
  }

  /**
   * The goodbye letter after the owner deleted the account: it names when, and that nothing of
   * the account is kept to restore.
   */
  static Mail accountDeleted(Email to, Instant when) {
    return letter(to, "Your account was deleted",
        "Your account and the data kept with it were deleted at:",
        minutes(when),
        "It cannot be restored; you are welcome to register again with this address.",
        "If you did not delete it, someone knew your password: contact an administrator.");
  }

  private static String minutes(Instant when) {
    return MINUTES.format(when.atOffset(ZoneOffset.UTC));
  }

  private static Mail letter(Email to, String subject, String intro, String highlight,
      String detail, String ifNotYou) {
    String text = intro + "\n\n    " + highlight + "\n\n" + detail + "\n\n" + ifNotYou + "\n";
    String html = "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">"
        + "<p>" + escape(intro) + "</p>"
        + "<p style=\"font-size:1.6em;font-weight:bold;letter-spacing:0.1em\">"
        + escape(highlight) + "</p>"
        + "<p>" + escape(detail) + "</p>"
        + "<p style=\"color:#555\">" + escape(ifNotYou) + "</p>"
        + "</body></html>";
    return new Mail(to, subject, text, html);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
