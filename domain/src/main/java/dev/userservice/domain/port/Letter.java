package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A letter the service sends, as the values it carries; a {@link LetterRenderer} turns it into a
 * {@link Mail} in the recipient's language. Each kind has a {@link #name()}, under which its
 * templates are found.
 */
public sealed interface Letter {

  /** The letter's name, as its templates are named: {@code verification_code}, … */
  String name();

  /** When the letter is no longer worth sending; {@code null} when never. */
  default Instant expiresAt() {
    return null;
  }

  /** Who a letter goes to: the address, and the name and language it is written with. */
  record Recipient(Email email, PersonName firstName, LanguageTag language) {

    public Recipient {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(language, "language");
    }

    /** {@code user} at the address {@code to} (their own, or one they are moving to or from). */
    public static Recipient of(User user, Email to) {
      return new Recipient(to, user.firstName().orElse(null), user.locale());
    }
  }

  /** The code that proves an address; sent at registration, on request, and for a new email. */
  record VerificationCodeLetter(VerificationCode code, Duration validFor, Instant expiresAt)
      implements Letter {
    @Override
    public String name() {
      return "verification_code";
    }
  }

  /** The code that lets the owner of the address set a new password. */
  record PasswordResetCodeLetter(VerificationCode code, Duration validFor, Instant expiresAt)
      implements Letter {
    @Override
    public String name() {
      return "password_reset_code";
    }
  }

  /**
   * An administrator's invitation: the code (with a link when one is configured) lets the owner
   * of the address set a password until {@code expiresAt}.
   */
  record InvitationLetter(VerificationCode code, Duration validFor, Instant expiresAt)
      implements Letter {
    @Override
    public String name() {
      return "invitation";
    }
  }

  /**
   * The notice to the old address that the account's address changed. It names the new address
   * only masked ({@link Email#masked()}): whoever reads the old mailbox (it may be why the address
   * changed) learns that it changed, not where to.
   */
  record EmailChanged(String maskedNewAddress) implements Letter {
    @Override
    public String name() {
      return "email_changed";
    }
  }

  /** The notice that the password was changed by its owner, and when; never the password. */
  record PasswordChanged(Instant at) implements Letter {
    @Override
    public String name() {
      return "password_changed";
    }
  }

  /** The notice that the password was reset with a mailed code, and when. */
  record PasswordReset(Instant at) implements Letter {
    @Override
    public String name() {
      return "password_reset";
    }
  }

  /** Told once per lock, when too many wrong reset codes pause password resets. */
  record PasswordResetLocked() implements Letter {
    @Override
    public String name() {
      return "password_reset_locked";
    }
  }

  /** The goodbye: the account and its data were deleted, and when. */
  record AccountDeleted(Instant at) implements Letter {
    @Override
    public String name() {
      return "account_deleted";
    }
  }

  /** The notice that a one-time password now guards the account, and when. */
  record TotpEnrolled(Instant at) implements Letter {
    @Override
    public String name() {
      return "totp_enrolled";
    }
  }

  /** The notice that the owner turned the account's one-time password off, and when. */
  record TotpRemoved(Instant at) implements Letter {
    @Override
    public String name() {
      return "totp_removed";
    }
  }

  /** The notice that an administrator turned the account's one-time password off, and when. */
  record TotpReset(Instant at) implements Letter {
    @Override
    public String name() {
      return "totp_reset";
    }
  }

  /** The notice that a recovery code was used to log in, and how many are left. */
  record RecoveryCodeUsed(Instant at, int left) implements Letter {
    @Override
    public String name() {
      return "recovery_code_used";
    }
  }
}
