package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Letter;
import dev.userservice.domain.port.LetterRenderer;
import dev.userservice.domain.port.Mail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The letters the service sends, each written by the {@link LetterRenderer} in its recipient's
 * language; use cases queue them. Also decides which language a user's letters are in.
 */
@Singleton
final class Letters {

  private final LetterRenderer renderer;

  @Inject
  Letters(LetterRenderer renderer) {
    this.renderer = renderer;
  }

  /** A letter carrying {@code code} to {@code to}; it expires with the code, not sent after. */
  Mail code(User user, CodePurpose purpose, Email to, VerificationCode code, Duration validFor,
      Instant expiresAt) {
    Letter letter = switch (purpose) {
      case EMAIL_VERIFICATION -> new Letter.VerificationCodeLetter(code, validFor, expiresAt);
      case PASSWORD_RESET -> new Letter.PasswordResetCodeLetter(code, validFor, expiresAt);
      case INVITATION -> new Letter.InvitationLetter(code, validFor, expiresAt);
      case MFA_CHALLENGE -> throw new IllegalArgumentException("a login challenge is never mailed");
    };
    return renderer.render(letter, Letter.Recipient.of(user, to));
  }

  /** The notice to {@code user}'s old address, naming the new one masked. */
  Mail emailChanged(User before, Email newAddress) {
    return renderer.render(new Letter.EmailChanged(newAddress.masked()),
        Letter.Recipient.of(before, before.email()));
  }

  /** Told once per lock, when too many wrong reset codes pause password resets. */
  Mail passwordResetLocked(User user) {
    return renderer.render(new Letter.PasswordResetLocked(), recipient(user));
  }

  /**
   * The notice that the account's password was changed ({@code reset} false) or reset with a
   * mailed code ({@code reset} true), and when; never the password.
   */
  Mail passwordChanged(User user, boolean reset, Instant when) {
    return renderer.render(reset ? new Letter.PasswordReset(when)
        : new Letter.PasswordChanged(when), recipient(user));
  }

  /** The notice that a one-time password now guards the account. */
  Mail totpEnrolled(User user, Instant when) {
    return renderer.render(new Letter.TotpEnrolled(when), recipient(user));
  }

  /** The notice that the one-time password was turned off, by its owner or an administrator. */
  Mail totpRemoved(User user, boolean byAdministrator, Instant when) {
    return renderer.render(byAdministrator ? new Letter.TotpReset(when)
        : new Letter.TotpRemoved(when), recipient(user));
  }

  /** The notice that a recovery code was spent, with how many are left. */
  Mail recoveryCodeUsed(User user, int left, Instant when) {
    return renderer.render(new Letter.RecoveryCodeUsed(when, left), recipient(user));
  }

  /** The goodbye to a deleted account's address, in its language. */
  Mail accountDeleted(User user, Instant when) {
    return renderer.render(new Letter.AccountDeleted(when), recipient(user));
  }

  /**
   * The language for a new account: {@code requested} when given, else the best match for the
   * request's {@code Accept-Language}, else the default.
   *
   * @throws InvalidInputException on {@code locale} when {@code requested} is a language the
   *     letters are not written in
   */
  LanguageTag languageFor(LanguageTag requested, String acceptLanguage) {
    if (requested != null) {
      return supported(requested);
    }
    return LanguageTag.negotiate(acceptLanguage, renderer.languages())
        .orElse(renderer.languages().get(0));
  }

  /**
   * {@code requested}, or the less specific tag the letters are written in ({@code en} for
   * {@code en-GB}).
   *
   * @throws InvalidInputException on {@code locale} when the letters are not written in it
   */
  LanguageTag supported(LanguageTag requested) {
    return requested.bestMatch(renderer.languages()).orElseThrow(() -> InvalidInputException.of(
        "locale", "must be one of the languages letters are written in: " + renderer.languages()
            .stream().map(LanguageTag::value).collect(Collectors.joining(", "))));
  }

  private static Letter.Recipient recipient(User user) {
    return Letter.Recipient.of(user, user.email());
  }
}
