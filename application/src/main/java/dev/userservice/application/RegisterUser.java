package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.Password;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** Creates an account and mails its verification code. */
@Singleton
public final class RegisterUser {

  /**
   * A registration. Building it validates every field.
   *
   * @param locale the language the user chose for letters; {@code null} to go by
   *     {@code acceptLanguage}
   * @param acceptLanguage the request's {@code Accept-Language} header, as sent; {@code null}
   *     when there is none (then letters are in the default language)
   * @param request where the request came from, for the per-address throttle and the events;
   *     {@code null} (or {@link RequestContext#NONE}) when the caller is trusted code
   */
  public record Command(Email email, Password password, PersonName firstName, PersonName lastName,
      LanguageTag locale, String acceptLanguage, RequestContext request) {

    /**
     * A registration from raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException naming every invalid field
     */
    public Command(String email, String password, String firstName, String lastName,
        String locale, String acceptLanguage, RequestContext request) {
      this(new FieldErrors(), email, password, firstName, lastName, locale, acceptLanguage,
          request);
    }

    /** A registration from raw values, its letters in the default language. */
    public Command(String email, String password, String firstName, String lastName,
        RequestContext request) {
      this(email, password, firstName, lastName, null, null, request);
    }

    private Command(FieldErrors errors, String email, String password, String firstName,
        String lastName, String locale, String acceptLanguage, RequestContext request) {
      this(errors.parse(() -> Email.of(email, "email")),
          errors.parse(() -> Password.of(password, "password")),
          errors.parse(() -> PersonName.ofNullable(firstName, "first_name")),
          errors.parse(() -> PersonName.ofNullable(lastName, "last_name")),
          errors.parse(() -> LanguageTag.ofNullable(locale, "locale")),
          acceptLanguage, errors.throwIfAnyElse(request));
    }

    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(password, "password");
      request = RequestContext.orNone(request);
    }
  }

  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final PasswordHasher hasher;
  private final RandomSource random;
  private final Clock clock;
  private final NewPasswords newPasswords;
  private final Throttles throttles;
  private final Codes codes;

  @Inject
  RegisterUser(UserWrites writes, MailOutbox outbox, Letters letters, PasswordHasher hasher, RandomSource random,
      Clock clock, NewPasswords newPasswords, Throttles throttles, Codes codes) {
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.newPasswords = newPasswords;
    this.throttles = throttles;
    this.codes = codes;
  }

  /**
   * Registers a new, unverified user with role {@code USER} and queues the verification letter,
   * in the language the command asks for, else the best for its {@code Accept-Language}, else
   * the default.
   * A mail server being down does not fail the registration: the letter waits in the outbox.
   * Emits {@code registered} and {@code verification_code_sent}, stored with the account.
   *
   * @return the stored user
   * @throws dev.userservice.domain.InvalidInputException when the password is too short,
   *     contains the email's name, or is a common or breached one, or letters are not written in
   *     the requested locale
   * @throws dev.userservice.domain.ConflictException when the email is already registered
   * @throws dev.userservice.domain.ThrottledException when the client address sent too many
   */
  public User register(Command command) {
    newPasswords.check(command.password(), "password", command.email());
    LanguageTag locale = letters.languageFor(command.locale(), command.acceptLanguage());
    throttles.perAddress("register", command.request().clientAddress());
    var now = clock.now();
    User user = User.register(UserId.generate(now, random.bytes(16)), command.email(), command.firstName(),
        command.lastName(), locale, hasher.hash(command.password()), Role.USER, now);
    // Redis first: if it is down, nothing is stored and the client's retry can succeed. Stored
    // after the code, the account would exist although the client was told 503 (a retry: 409).
    Mail letter = codes.storeAndReturnLetter(user, CodePurpose.EMAIL_VERIFICATION, user.email());
    var meta = UserEvent.Meta.bySelf(now, user.id(), null, command.request());
    writes.insert(user, List.of(new UserEvent.Registered(meta, user.email()),
        new UserEvent.VerificationCodeSent(meta, user.email())));
    outbox.enqueue(letter, now);
    return user;
  }
}
