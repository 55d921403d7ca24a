package dev.userservice.application;

import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Edits an account: names, language and email by the owner or an administrator, role and
 * status (suspension) by an administrator.
 */
@Singleton
public final class EditUser {

  /**
   * An edit of {@code target}. {@code null} fields are left as they are.
   *
   * @param currentPassword required when users change their own email
   * @param locale the language of the account's letters from now on
   * @param expectedVersion if given, the edit is refused unless the account is still at it
   * @param request where the request came from, for the per-address password throttle and the
   *     events ({@code null}: trusted code)
   * @param status the new status; {@code null} leaves it
   * @param statusReason why the account is disabled; only with {@code status} disabled
   * @param metadata the owner's custom attributes, replaced whole; {@code null} leaves them
   * @param appMetadata the custom attributes only administrators write, replaced whole;
   *     {@code null} leaves them
   */
  public record Command(Actor actor, UserId target, FieldUpdate<PersonName> firstName,
      FieldUpdate<PersonName> lastName, Email email, Password currentPassword, Role role,
      LanguageTag locale, AccountStatus status, StatusReason statusReason, Long expectedVersion,
      RequestContext request, Metadata metadata, Metadata appMetadata) {

    /** An edit that leaves the custom attributes as they are. */
    public Command(Actor actor, UserId target, FieldUpdate<PersonName> firstName,
        FieldUpdate<PersonName> lastName, Email email, Password currentPassword, Role role,
        LanguageTag locale, AccountStatus status, StatusReason statusReason, Long expectedVersion,
        RequestContext request) {
      this(actor, target, firstName, lastName, email, currentPassword, role, locale, status,
          statusReason, expectedVersion, request, null, null);
    }

    /** An edit that leaves the language and the status as they are. */
    public Command(Actor actor, UserId target, FieldUpdate<PersonName> firstName,
        FieldUpdate<PersonName> lastName, Email email, Password currentPassword, Role role,
        Long expectedVersion, RequestContext request) {
      this(actor, target, firstName, lastName, email, currentPassword, role, null, null, null,
          expectedVersion, request);
    }

    /**
     * An edit by trusted code (limited per account only) that leaves the language and the status
     * as they are.
     */
    public Command(Actor actor, UserId target, FieldUpdate<PersonName> firstName,
        FieldUpdate<PersonName> lastName, Email email, Password currentPassword, Role role,
        Long expectedVersion) {
      this(actor, target, firstName, lastName, email, currentPassword, role, expectedVersion,
          null);
    }

    /** @throws InvalidInputException when a reason is given without disabling the account */
    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
      request = RequestContext.orNone(request);
      if (statusReason != null && status != AccountStatus.DISABLED) {
        throw InvalidInputException.of("reason", "is only given with status disabled");
      }
    }

    /**
     * An edit from raw values, as a client sends them; {@code null} fields are left as they are,
     * and a name updated to {@code null} or empty is cleared. A factory rather than a constructor:
     * with every field optional, a call passing {@code null}s would match either.
     *
     * @throws InvalidInputException naming every invalid field
     */
    public static Command parse(Actor actor, UserId target, FieldUpdate<String> firstName,
        FieldUpdate<String> lastName, String email, String currentPassword, String role,
        String locale, String status, String statusReason, Long expectedVersion,
        RequestContext request) {
      return parse(actor, target, firstName, lastName, email, currentPassword, role, locale,
          status, statusReason, expectedVersion, request, null, null);
    }

    /**
     * The same, with the custom attributes as JSON text ({@code null}: left as they are).
     *
     * @throws InvalidInputException naming every invalid field
     */
    public static Command parse(Actor actor, UserId target, FieldUpdate<String> firstName,
        FieldUpdate<String> lastName, String email, String currentPassword, String role,
        String locale, String status, String statusReason, Long expectedVersion,
        RequestContext request, String metadata, String appMetadata) {
      FieldErrors errors = new FieldErrors();
      Metadata newMetadata = errors.parse(() -> metadata == null ? null
          : Metadata.parse(metadata, "metadata"));
      Metadata newAppMetadata = errors.parse(() -> appMetadata == null ? null
          : Metadata.parse(appMetadata, "app_metadata"));
      FieldUpdate<PersonName> first = errors.parse(() -> name(firstName, "first_name"));
      FieldUpdate<PersonName> last = errors.parse(() -> name(lastName, "last_name"));
      Email newEmail = errors.parse(() -> email == null ? null : Email.of(email, "email"));
      Password current = errors.parse(() -> currentPassword == null ? null
          : Password.of(currentPassword, "current_password"));
      Role newRole = errors.parse(() -> role == null ? null : Role.parse(role, "role"));
      LanguageTag newLocale = errors.parse(() -> LanguageTag.ofNullable(locale, "locale"));
      AccountStatus newStatus = errors.parse(() -> status == null ? null
          : AccountStatus.parse(status, "status"));
      StatusReason reason = errors.parse(() -> StatusReason.ofNullable(statusReason, "reason"));
      Command command = errors.parse(() -> new Command(actor, target, first, last, newEmail,
          current, newRole, newLocale, newStatus, reason, expectedVersion, request, newMetadata,
          newAppMetadata));
      errors.throwIfAny();
      return command;
    }

    private static FieldUpdate<PersonName> name(FieldUpdate<String> update, String field) {
      return update == null ? null : FieldUpdate.to(PersonName.ofNullable(update.value(), field));
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final OwnPassword ownPassword;
  private final Clock clock;
  private final Codes codes;
  private final Events events;

  @Inject
  EditUser(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      OwnPassword ownPassword, Clock clock, Codes codes, Events events) {
    this.events = events;
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.ownPassword = ownPassword;
    this.clock = clock;
    this.codes = codes;
  }

  /**
   * Applies the edit and returns the stored account. A new language (a tag letters are written
   * in, or a more specific form of one, stored as that one) applies to the next letter. A new
   * email comes back unverified: every pending code of the account is void, a verification code
   * is sent to the new address and a notice, naming the new address only masked, to the old one.
   * A role change ends every session of the target, so the new role applies at once; so does
   * disabling the account (it can then neither log in nor refresh), while enabling it again
   * revives no session. Stored with the change: {@code profile_updated} (names, language),
   * {@code email_change_requested}, {@code role_changed}, {@code user_suspended} and
   * {@code user_reactivated}, {@code metadata_changed} (naming {@code metadata} and/or
   * {@code app_metadata}, each replaced whole), as they apply; then
   * {@code verification_code_sent} for the new address. An edit that changes nothing stores and
   * emits nothing.
   *
   * @throws ForbiddenException when the actor may not edit the target, or a non-administrator
   *     tries to change a role or a status, or (step-up) the actor's account has a second factor
   *     that the session did not pass and the edit changes a role or the actor's own email, or
   *     a non-administrator sends {@code app_metadata}
   * @throws InvalidInputException when a user changing their own email gives no or a wrong
   *     current password (checked under the same throttles as a login), or letters are not
   *     written in the requested locale
   * @throws dev.userservice.domain.ThrottledException while the account or the address must wait
   *     after wrong passwords
   * @throws NotFoundException when there is no such user
   * @throws ConflictException when the email is taken, the account changed since
   *     {@code expectedVersion}, the change would demote or disable the last active
   *     administrator, or it would make a never-verified account an administrator (verify it
   *     first)
   */
  public User edit(Command command) {
    Actor actor = command.actor();
    Authorization.requireSelfOrAdmin(actor, command.target());
    if (command.role() != null && !actor.isAdmin()) {
      throw new ForbiddenException("only an administrator may change a role");
    }
    if (command.status() != null && !actor.isAdmin()) {
      throw new ForbiddenException("only an administrator may change the status of an account");
    }
    if (command.appMetadata() != null && !actor.isAdmin()) {
      throw new ForbiddenException("only an administrator may change app_metadata");
    }
    User before = users.findById(command.target())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (command.expectedVersion() != null && command.expectedVersion() != before.version()) {
      throw new ConflictException("the account was changed meanwhile; reload and try again");
    }
    if (command.role() == Role.ADMIN && !before.isAdmin() && !before.everVerified()) {
      // Nobody has proven this address: whoever registered it need not be its owner.
      throw new ConflictException(
          "a never-verified account cannot be made an administrator; verify its email first");
    }
    if (command.role() != null && command.role() != before.role()) {
      requireStepUpForRoles(actor, before);
    }
    LanguageTag locale = command.locale() == null ? before.locale()
        : letters.supported(command.locale());
    boolean emailChanges = command.email() != null && !command.email().equals(before.email());
    if (emailChanges && actor.is(before.id())) {
      SecondFactors.requireStepUp(actor, before);
      if (command.currentPassword() == null) {
        throw InvalidInputException.of("current_password", "is required to change the email");
      }
      ownPassword.check(before, command.currentPassword(), command.request());
    }
    if (emailChanges) {
      codes.countResend(before, CodePurpose.EMAIL_VERIFICATION);
    }

    Instant now = clock.now();
    User after = before.withNames(
        command.firstName() == null ? before.firstName().orElse(null) : command.firstName().value(),
        command.lastName() == null ? before.lastName().orElse(null) : command.lastName().value(),
        now);
    if (emailChanges) {
      after = after.withEmail(command.email(), now);
    }
    if (!locale.equals(before.locale())) {
      after = after.withLocale(locale, now);
    }
    boolean roleChanges = command.role() != null && command.role() != before.role();
    if (roleChanges) {
      after = after.withRole(command.role(), now);
    }
    boolean statusChanges = command.status() != null && (command.status() != before.status()
        || !after.statusReason().equals(Optional.ofNullable(command.statusReason())));
    if (statusChanges) {
      after = after.withStatus(command.status(), command.statusReason(), now);
    }
    List<String> attributes = new ArrayList<>(2);
    if (command.metadata() != null && !command.metadata().equals(before.metadata())) {
      after = after.withMetadata(command.metadata(), now);
      attributes.add("metadata");
    }
    if (command.appMetadata() != null && !command.appMetadata().equals(before.appMetadata())) {
      after = after.withAppMetadata(command.appMetadata(), now);
      attributes.add("app_metadata");
    }
    UserEvent.Meta meta = UserEvent.Meta.by(now, actor, before.id(), command.request());
    List<UserEvent> recorded = new ArrayList<>(4);
    if (!attributes.isEmpty()) {
      recorded.add(new UserEvent.MetadataChanged(meta, attributes));
    }
    List<String> fields = new ArrayList<>(3);
    if (!after.firstName().equals(before.firstName())) {
      fields.add("first_name");
    }
    if (!after.lastName().equals(before.lastName())) {
      fields.add("last_name");
    }
    if (!after.locale().equals(before.locale())) {
      fields.add("locale");
    }
    if (!fields.isEmpty()) {
      recorded.add(new UserEvent.ProfileUpdated(meta, fields));
    }
    if (emailChanges) {
      recorded.add(new UserEvent.EmailChangeRequested(meta, before.email(), after.email()));
    }
    if (roleChanges) {
      recorded.add(new UserEvent.RoleChanged(meta, before.role(), after.role()));
    }
    if (statusChanges) {
      recorded.add(after.isActive() ? new UserEvent.UserReactivated(meta)
          : new UserEvent.UserSuspended(meta, command.statusReason()));
    }
    if (recorded.isEmpty()) {
      return before;
    }
    // Stored through the writes, a role change or disabling ends the target's sessions (enabling
    // revives none), and an email change
    // voids the codes that went to the old address (a pending reset code would still let whoever
    // reads that mailbox take the account over).
    User stored = writes.update(before, after, recorded);

    if (emailChanges) {
      // The new address gets a verification code of its own.
      outbox.enqueue(letters.emailChanged(before, stored.email()), now);
      codes.sendAlreadyCounted(stored, CodePurpose.EMAIL_VERIFICATION, stored.email());
      events.publish(new UserEvent.VerificationCodeSent(meta, stored.email()));
    }
    return stored;
  }

  /**
   * A role change needs a session that passed the second factor when the administrator's own
   * account has one; their account is read only when the session did not pass it.
   */
  private void requireStepUpForRoles(Actor actor, User target) {
    if (actor.methods().secondFactor()) {
      return;
    }
    User own = actor.is(target.id()) ? target : users.findById(actor.id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    SecondFactors.requireStepUp(actor, own);
  }
}
