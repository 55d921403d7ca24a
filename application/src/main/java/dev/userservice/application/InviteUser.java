package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
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
import dev.userservice.domain.port.RateLimit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** An administrator creates an account for someone and mails them the code to set a password. */
@Singleton
public final class InviteUser {

  /** How many invitations (new and re-sent) one administrator may send per hour. */
  static final RateLimit INVITATIONS_PER_ACCOUNT = new RateLimit(100, Duration.ofHours(1));

  /**
   * An invitation. Building it validates every field.
   *
   * @param role {@code null}: {@link Role#USER}
   * @param locale the language of the invitee's letters; {@code null}: the default
   * @param request where the request came from, for the event
   */
  public record Command(Actor actor, Email email, Role role, PersonName firstName,
      PersonName lastName, LanguageTag locale, RequestContext request) {

    /**
     * An invitation from raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException naming every invalid field
     */
    public Command(Actor actor, String email, String role, String firstName, String lastName,
        String locale, RequestContext request) {
      this(new FieldErrors(), actor, email, role, firstName, lastName, locale, request);
    }

    private Command(FieldErrors errors, Actor actor, String email, String role,
        String firstName, String lastName, String locale, RequestContext request) {
      this(actor, errors.parse(() -> Email.of(email, "email")),
          role == null ? null : errors.parse(() -> Role.parse(role, "role")),
          errors.parse(() -> PersonName.ofNullable(firstName, "first_name")),
          errors.parse(() -> PersonName.ofNullable(lastName, "last_name")),
          errors.parse(() -> LanguageTag.ofNullable(locale, "locale")),
          errors.throwIfAnyElse(request));
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(email, "email");
      role = role == null ? Role.USER : role;
      request = RequestContext.orNone(request);
    }
  }

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final PasswordHasher hasher;
  private final RandomSource random;
  private final Clock clock;
  private final Throttles throttles;
  private final Codes codes;

  @Inject
  InviteUser(UserWrites writes, MailOutbox outbox, Letters letters, PasswordHasher hasher,
      RandomSource random, Clock clock, Throttles throttles, Codes codes) {
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.throttles = throttles;
    this.codes = codes;
  }

  /**
   * Creates an unverified account that nobody can log in to, and queues the invitation letter
   * with a one-time code valid for the policy's invitation lifetime; the invitee sets the
   * password with {@link AcceptInvitation}. Until the invitation expires the account is never
   * purged as unverified. Emits {@code invited}, stored with the account.
   *
   * @return the stored account
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.ConflictException when the email is already registered
   * @throws dev.userservice.domain.InvalidInputException when letters are not written in the
   *     requested locale
   * @throws dev.userservice.domain.ThrottledException when the administrator sent too many
   *     invitations this hour
   */
  public User invite(Command command) {
    Actor actor = command.actor();
    Authorization.requireAdmin(actor);
    LanguageTag locale = letters.languageFor(command.locale(), null);
    throttles.acquire(bucket(actor), List.of(INVITATIONS_PER_ACCOUNT),
        "too many invitations from this account");
    var now = clock.now();
    User user = User.register(UserId.generate(now, random.bytes(16)), command.email(),
        command.firstName(), command.lastName(), locale, unusableHash(), command.role(), now);
    // As at registration: the code first, so a Redis outage stores nothing.
    Mail letter = codes.storeAndReturnLetter(user, CodePurpose.INVITATION, user.email());
    User invited = user.invited(letter.expiresAt(), now);
    writes.insert(invited, List.of(new UserEvent.Invited(
        UserEvent.Meta.by(now, actor, user.id(), command.request()), user.email(),
        letter.expiresAt(), false)));
    outbox.enqueue(letter, now);
    return invited;
  }

  /** The invitation throttle's bucket for {@code actor}, shared with {@link ResendInvitation}. */
  static String bucket(Actor actor) {
    return "invite:" + actor.id();
  }

  /**
   * The hash of a random secret nobody is told: the account has no password anyone can use, and
   * a login attempt on it costs the same hash work as on any other account.
   */
  private PasswordHash unusableHash() {
    return hasher.hash(new Password(BASE64URL.encodeToString(random.bytes(32))));
  }
}
