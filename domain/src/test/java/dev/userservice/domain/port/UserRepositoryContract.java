package dev.userservice.domain.port;

import static dev.userservice.domain.port.TestUsers.T0;
import static dev.userservice.domain.port.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} must do. An adapter's test extends this class and supplies
 * {@link #newRepository()}. Instants carry microseconds, the precision PostgreSQL keeps; ids are
 * random UUIDs ordered as unsigned 128-bit numbers, as PostgreSQL orders {@code uuid}.
 */
public abstract class UserRepositoryContract {

  /** Newest first, ties broken by id descending. */
  protected static final Comparator<User> NEWEST_FIRST =
      Comparator.comparing(User::createdAt)
          .thenComparing((a, b) -> compareUnsigned(a.id().value(), b.id().value()))
          .reversed();

  private static final int RACERS = 16;

  private UserRepository repository;

  /**
   * A repository holding no users, called before every test; a database-backed one is emptied
   * here.
   */
  protected abstract UserRepository newRepository();

  @BeforeEach
  void freshRepository() {
    repository = newRepository();
  }

  // --- insert and find ------------------------------------------------------------------------

  @Test
  void insertedUser_readsBackEqual_byIdAndByEmail() {
    User alice = user().names("Alice", "Liddell").verifiedAt(T0.plusSeconds(5)).build();
    User bob = user().build();

    repository.insert(alice);
    repository.insert(bob);

    assertThat(repository.findById(alice.id())).contains(alice);
    assertThat(repository.findById(bob.id())).contains(bob);
    assertThat(repository.findByEmail(alice.email())).contains(alice);
    assertThat(repository.findByEmail(new Email("  " + bob.email().value().toUpperCase() + " ")))
        .contains(bob);
  }

  @Test
  void userWithAOneTimePassword_readsBackEqual_whileEnrolling_confirmed_andRemoved() {
    byte[] secret = new byte[TotpFactor.SECRET_BYTES];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(secret);
    User enrolling = user().build().withTotp(TotpFactor.pending(secret), T0.plusSeconds(1));
    repository.insert(enrolling);
    assertThat(repository.findById(enrolling.id())).contains(enrolling);

    User confirmed = repository.update(enrolling.withTotp(
        enrolling.totp().orElseThrow().confirmed(T0.plusSeconds(2), List.of("a1", "b2")),
        T0.plusSeconds(2)));
    assertThat(repository.findByEmail(confirmed.email())).contains(confirmed);
    assertThat(confirmed.hasSecondFactor()).isTrue();

    User removed = repository.update(confirmed.withTotp(null, T0.plusSeconds(3)));
    assertThat(repository.findById(removed.id())).contains(removed);
    assertThat(removed.totp()).isEmpty();
  }

  @Test
  void unknownIdOrEmail_findsNothing() {
    repository.insert(user().build());

    assertThat(repository.findById(new UserId(UUID.randomUUID()))).isEmpty();
    assertThat(repository.findByEmail(TestUsers.uniqueEmail())).isEmpty();
  }

  @Test
  void insert_ofTakenEmail_isConflict_inAnyCase() {
    User first = user().email("taken@example.test").build();
    repository.insert(first);

    assertThatThrownBy(() -> repository.insert(user().email("taken@example.test").build()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repository.insert(user().email("Taken@EXAMPLE.test").build()))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.findByEmail(new Email("taken@example.test"))).contains(first);
    assertThat(repository.count(UserFilter.ANY)).isEqualTo(1);
  }

  @Test
  void insert_ofTakenId_isConflict() {
    User first = user().build();
    repository.insert(first);

    assertThatThrownBy(() -> repository.insert(user().id(first.id().toString()).build()))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.findById(first.id())).contains(first);
  }

  // --- update ---------------------------------------------------------------------------------

  @Test
  void update_storesTheChange_andReturnsItWithTheNextVersion() {
    User stored = user().build();
    repository.insert(stored);
    User changed = stored.withNames(new PersonName("Ada"), null, T0.plusSeconds(1));

    User updated = repository.update(changed);

    assertThat(updated).isEqualTo(changed.nextVersion());
    assertThat(updated.version()).isEqualTo(stored.version() + 1);
    assertThat(repository.findById(stored.id())).contains(updated);

    User again = repository.update(updated.verified(T0.plusSeconds(2)));
    assertThat(again.version()).isEqualTo(stored.version() + 2);
    assertThat(repository.findById(stored.id())).contains(again);

    User inPortuguese = repository.update(again.withLocale(new LanguageTag("pt-BR"),
        T0.plusSeconds(3)));
    assertThat(repository.findById(stored.id())).hasValueSatisfying(read -> {
      assertThat(read).isEqualTo(inPortuguese);
      assertThat(read.locale()).isEqualTo(new LanguageTag("pt-br"));
    });
  }

  @Test
  void update_ofStaleVersion_isConflict_andChangesNothing() {
    User stored = user().build();
    repository.insert(stored);
    User current = repository.update(stored.withNames(new PersonName("First"), null, T0));

    assertThatThrownBy(
        () -> repository.update(stored.withNames(new PersonName("Stale"), null, T0)))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.findById(stored.id())).contains(current);
  }

  @Test
  void update_ofMissingUser_isNotFound() {
    User neverStored = user().build();

    assertThatThrownBy(() -> repository.update(neverStored))
        .isInstanceOf(NotFoundException.class);

    User deleted = user().build();
    repository.insert(deleted);
    repository.delete(deleted.id());
    assertThatThrownBy(() -> repository.update(deleted.withNames(null, null, T0)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void update_toTakenEmail_isConflict_andChangesNothing() {
    User alice = user().email("alice@example.test").build();
    User bob = user().email("bob@example.test").build();
    repository.insert(alice);
    repository.insert(bob);

    assertThatThrownBy(() -> repository.update(bob.withEmail(new Email("Alice@Example.test"), T0)))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.findById(bob.id())).contains(bob);
    assertThat(repository.findByEmail(alice.email())).contains(alice);
  }

  @Test
  void update_keepingItsOwnEmail_isNoConflict() {
    User alice = user().build();
    repository.insert(alice);

    User updated = repository.update(alice.withEmail(alice.email(), T0).withNames(
        new PersonName("Alice"), null, T0.plusSeconds(1)));

    assertThat(repository.findByEmail(alice.email())).contains(updated);
  }

  @Test
  void update_ofEmail_movesTheAddress_andFreesTheOldOne() {
    User alice = user().email("old@example.test").verified().build();
    repository.insert(alice);

    User moved =
        repository.update(alice.withEmail(new Email("new@example.test"), T0.plusSeconds(1)));

    assertThat(moved.isEmailVerified()).isFalse();
    assertThat(moved.everVerified()).isTrue();
    assertThat(repository.findByEmail(new Email("new@example.test"))).contains(moved);
    assertThat(repository.findByEmail(new Email("old@example.test"))).isEmpty();
    User newcomer = user().email("old@example.test").build();
    repository.insert(newcomer);
    assertThat(repository.findByEmail(new Email("old@example.test"))).contains(newcomer);
  }

  // --- delete and the last administrator ------------------------------------------------------

  @Test
  void delete_removesTheUser_andFreesItsEmail() {
    User alice = user().build();
    User bob = user().build();
    repository.insert(alice);
    repository.insert(bob);

    repository.delete(alice.id());

    assertThat(repository.findById(alice.id())).isEmpty();
    assertThat(repository.findByEmail(alice.email())).isEmpty();
    assertThat(repository.findById(bob.id())).contains(bob);
    assertThat(repository.count(UserFilter.ANY)).isEqualTo(1);
    repository.insert(user().email(alice.email().value()).build());
  }

  @Test
  void delete_ofMissingUser_isNotFound() {
    User alice = user().build();
    repository.insert(alice);
    repository.delete(alice.id());

    assertThatThrownBy(() -> repository.delete(alice.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> repository.delete(new UserId(UUID.randomUUID())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void lastAdmin_cannotBeDeleted() {
    User admin = user().admin().build();
    repository.insert(admin);
    repository.insert(user().build());

    assertThatThrownBy(() -> repository.delete(admin.id())).isInstanceOf(ConflictException.class);
    assertThat(repository.findById(admin.id())).contains(admin);
    assertThat(repository.anyAdmin()).isTrue();
  }

  @Test
  void lastAdmin_cannotBeDemoted() {
    User admin = user().admin().build();
    repository.insert(admin);
    repository.insert(user().build());

    assertThatThrownBy(() -> repository.update(admin.withRole(Role.USER, T0.plusSeconds(1))))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.findById(admin.id())).contains(admin);
  }

  @Test
  void lastAdmin_canStillEditItsOwnProfile() {
    User admin = user().admin().build();
    repository.insert(admin);

    User renamed = repository.update(admin.withNames(new PersonName("Root"), null, T0));

    assertThat(renamed.role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void admin_canBeDeletedOrDemoted_whileAnotherAdminRemains() {
    User first = user().admin().build();
    User second = user().admin().build();
    User third = user().admin().build();
    repository.insert(first);
    repository.insert(second);
    repository.insert(third);

    repository.delete(first.id());
    User demoted = repository.update(second.withRole(Role.USER, T0.plusSeconds(1)));

    assertThat(demoted.role()).isEqualTo(Role.USER);
    assertThat(repository.anyAdmin()).isTrue();
    assertThatThrownBy(() -> repository.delete(third.id())).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repository.update(third.withRole(Role.USER, T0)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void withoutAnyAdmin_usersCanStillBeEditedAndDeleted() {
    User alice = user().build();
    User bob = user().build();
    repository.insert(alice);
    repository.insert(bob);

    repository.update(alice.withNames(new PersonName("Alice"), null, T0.plusSeconds(1)));
    repository.delete(bob.id());

    assertThat(repository.count(UserFilter.ANY)).isEqualTo(1);
  }

  @Test
  void anyAdmin_followsPromotionsAndDemotions() {
    assertThat(repository.anyAdmin()).isFalse();
    User alice = user().build();
    User bob = user().build();
    repository.insert(alice);
    repository.insert(bob);
    assertThat(repository.anyAdmin()).isFalse();

    User promoted = repository.update(alice.withRole(Role.ADMIN, T0.plusSeconds(1)));
    assertThat(repository.anyAdmin()).isTrue();

    repository.update(bob.withRole(Role.ADMIN, T0.plusSeconds(2)));
    repository.update(promoted.withRole(Role.USER, T0.plusSeconds(3)));
    assertThat(repository.anyAdmin()).isTrue();
  }

  @Test
  void status_andItsReason_readBackAsStored_andEnablingDropsTheReason() {
    User alice = user().build();
    repository.insert(alice);

    User disabled = repository.update(alice.withStatus(AccountStatus.DISABLED,
        new StatusReason("chargeback"), T0.plusSeconds(1)));
    assertThat(repository.findById(alice.id())).contains(disabled);
    assertThat(repository.findByEmail(alice.email()).orElseThrow().statusReason())
        .contains(new StatusReason("chargeback"));

    User enabled = repository.update(disabled.withStatus(AccountStatus.ACTIVE,
        new StatusReason("ignored"), T0.plusSeconds(2)));
    assertThat(repository.findById(alice.id())).contains(enabled);
    assertThat(enabled.isActive()).isTrue();
    assertThat(enabled.statusReason()).isEmpty();
  }

  @Test
  void lastActiveAdmin_cannotBeDisabled_norDeletedOrDemoted_whileTheOtherAdminsAreDisabled() {
    User active = user().admin().build();
    User suspended = user().admin().build();
    repository.insert(active);
    repository.insert(suspended);
    User disabled = repository.update(
        suspended.withStatus(AccountStatus.DISABLED, null, T0.plusSeconds(1)));

    assertThatThrownBy(() -> repository.update(
        active.withStatus(AccountStatus.DISABLED, null, T0.plusSeconds(2))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repository.update(active.withRole(Role.USER, T0.plusSeconds(2))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repository.delete(active.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(repository.findById(active.id())).contains(active);

    // A disabled admin is no last line of defence: it may go, and may come back.
    User reenabled = repository.update(
        disabled.withStatus(AccountStatus.ACTIVE, null, T0.plusSeconds(3)));
    repository.update(active.withStatus(AccountStatus.DISABLED, null, T0.plusSeconds(4)));
    assertThatThrownBy(() -> repository.delete(reenabled.id()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void disabledAdmin_canBeDeleted_whileAnActiveOneRemains() {
    User active = user().admin().build();
    User suspended = user().admin().build();
    repository.insert(active);
    repository.insert(suspended);
    repository.update(suspended.withStatus(AccountStatus.DISABLED, null, T0.plusSeconds(1)));

    repository.delete(suspended.id());

    assertThat(repository.findById(suspended.id())).isEmpty();
  }

  @Test
  void lastTwoActiveAdminsDisabledAtOnce_oneActiveAdminRemains() {
    User first = user().admin().build();
    User second = user().admin().build();
    repository.insert(first);
    repository.insert(second);
    List<User> admins = List.of(first, second);

    List<Outcome<User>> outcomes = Race.run(2, i -> repository.update(
        admins.get(i).withStatus(AccountStatus.DISABLED, null, T0.plusSeconds(1))));

    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertOnlyConflicts(outcomes);
    assertThat(repository.count(
        new UserFilter(null, Role.ADMIN, null, null, null, AccountStatus.ACTIVE))).isEqualTo(1);
  }

  @Test
  void statusFilter_appliesToListAndCount() {
    User alice = user().createdAt(T0.plusSeconds(1)).build();
    User bob = user().createdAt(T0.plusSeconds(2)).build();
    User carol = user().admin().createdAt(T0.plusSeconds(3)).build();
    for (User u : List.of(alice, bob, carol)) {
      repository.insert(u);
    }
    repository.update(bob.withStatus(AccountStatus.DISABLED, null, T0.plusSeconds(4)));

    User storedBob = repository.findById(bob.id()).orElseThrow();
    assertMatches(new UserFilter(null, null, null, null, null, AccountStatus.DISABLED),
        storedBob);
    assertMatches(new UserFilter(null, null, null, null, null, AccountStatus.ACTIVE),
        carol, alice);
    assertMatches(new UserFilter(null, Role.USER, null, null, null, AccountStatus.ACTIVE),
        alice);
  }

  @Test
  void appMetadataFilter_matchesOneTopLevelMember_asAStringOrTheNumberOrBooleanItSpells() {
    User pro = withApp(user().createdAt(T0.plusSeconds(1)).build(),
        "{\"plan\":\"pro\",\"seats\":5,\"beta\":true}");
    User five = withApp(user().createdAt(T0.plusSeconds(2)).build(),
        "{\"plan\":\"free\",\"seats\":\"5\",\"beta\":\"true\"}");
    User decimal = withApp(user().createdAt(T0.plusSeconds(3)).build(),
        "{\"seats\":5.0,\"nested\":{\"plan\":\"pro\"},\"tags\":[\"pro\"],\"none\":null}");
    User plain = user().createdAt(T0.plusSeconds(4)).build();
    for (User u : List.of(pro, five, decimal, plain)) {
      repository.insert(u);
    }

    assertMatches(appMetadata("plan", "pro"), pro);
    assertMatches(appMetadata("seats", "5"), decimal, five, pro);
    assertMatches(appMetadata("seats", "5.00"), decimal, pro);
    assertMatches(appMetadata("beta", "true"), five, pro);
    // Only top-level members, and only strings, numbers and booleans, ever match.
    assertMatches(appMetadata("nested", "{\"plan\":\"pro\"}"));
    assertMatches(appMetadata("tags", "pro"));
    assertMatches(appMetadata("none", "null"));
    assertMatches(appMetadata("plan", "PRO"));
    assertMatches(appMetadata("pla", "pro"));
    // Keys and values are data, never syntax.
    assertMatches(appMetadata("plan\"", "pro"));
    assertMatches(new UserFilter(null, Role.USER, null, T0.plusSeconds(1), null, null,
        new MetadataMatch("seats", "5")), decimal, five);
  }

  private static User withApp(User user, String json) {
    return user.withAppMetadata(Metadata.parse(json, "app_metadata"), user.createdAt());
  }

  private static UserFilter appMetadata(String key, String value) {
    return new UserFilter(null, null, null, null, null, null, new MetadataMatch(key, value));
  }

  // --- list, pages and filters ----------------------------------------------------------------

  @Test
  void list_ofEmptyRepository_isEmptyWithoutNextPage() {
    UserPage page = repository.list(UserFilter.ANY, null, 10);

    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEmpty();
    assertThat(repository.count(UserFilter.ANY)).isZero();
  }

  @Test
  void list_isNewestFirst_withTiesBrokenByIdDescending() {
    Instant tie = T0.plusSeconds(10);
    // Ids on both sides of the sign bit: the order is unsigned, as PostgreSQL compares uuid.
    User a = user().id("00000000-0000-4000-8000-000000000001").createdAt(tie).build();
    User b = user().id("7fffffff-ffff-4fff-bfff-ffffffffffff").createdAt(tie).build();
    User c = user().id("80000000-0000-4000-8000-000000000000").createdAt(tie).build();
    User d = user().id("ffffffff-ffff-4fff-bfff-fffffffffffe").createdAt(tie).build();
    User e = user().id("ffffffff-ffff-4fff-bfff-ffffffffffff").createdAt(tie).build();
    User older = user().createdAt(tie.minusNanos(1000)).build();
    User newer = user().createdAt(tie.plusNanos(1000)).build();
    for (User u : List.of(c, older, a, e, newer, b, d)) {
      repository.insert(u);
    }

    List<User> expected = List.of(newer, e, d, c, b, a, older);
    assertThat(repository.list(UserFilter.ANY, null, 100).items())
        .containsExactlyElementsOf(expected);
    assertThat(allPages(UserFilter.ANY, 2)).containsExactlyElementsOf(expected);
  }

  @Test
  void keysetPages_concatenateToTheFullOrderedList_withoutDuplicatesOrGaps() {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Three users share each instant, so pages end in the middle of ties.
      users.add(user().createdAt(T0.plusSeconds(i / 3)).build());
    }
    users.forEach(repository::insert);
    List<User> expected = users.stream().sorted(NEWEST_FIRST).toList();

    for (int limit : new int[] {1, 2, 4, 7, 25, 100}) {
      List<User> concatenated = allPages(UserFilter.ANY, limit);
      assertThat(concatenated).as("pages of %d", limit).containsExactlyElementsOf(expected);
      assertThat(new HashSet<>(concatenated)).hasSize(25);
    }
    assertThat(repository.list(UserFilter.ANY, null, 100).items())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void page_endingExactlyAtTheLastUser_hasNoNextCursor() {
    for (int i = 0; i < 6; i++) {
      repository.insert(user().createdAt(T0.plusSeconds(i)).build());
    }

    UserPage first = repository.list(UserFilter.ANY, null, 3);
    assertThat(first.items()).hasSize(3);
    assertThat(first.next()).contains(cursorOf(first.items().get(2)));

    UserPage second = repository.list(UserFilter.ANY, first.next().orElseThrow(), 3);
    assertThat(second.items()).hasSize(3);
    assertThat(second.next()).isEmpty();
  }

  @Test
  void cursor_ofDeletedUser_stillContinuesAfterIt() {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      users.add(user().createdAt(T0.plusSeconds(i / 2)).build());
    }
    users.forEach(repository::insert);
    List<User> expected = users.stream().sorted(NEWEST_FIRST).toList();

    UserPage first = repository.list(UserFilter.ANY, null, 3);
    repository.delete(first.items().get(2).id());
    UserPage second = repository.list(UserFilter.ANY, first.next().orElseThrow(), 3);

    assertThat(second.items()).containsExactlyElementsOf(expected.subList(3, 6));
  }

  @Test
  void everyFilter_appliesToListAndCount() {
    User alice = user().email("alice@example.test").createdAt(T0.plusSeconds(1)).build();
    User bob = user().email("Bob.Smith@Example.test").verified().createdAt(T0.plusSeconds(2))
        .build();
    User carol = user().email("carol@other.test").admin().createdAt(T0.plusSeconds(3)).build();
    User dave = user().email("dave@example.test").createdAt(T0.plusSeconds(4)).build();
    for (User u : List.of(alice, bob, carol, dave)) {
      repository.insert(u);
    }

    assertMatches(UserFilter.ANY, dave, carol, bob, alice);
    assertMatches(byEmail("EXAMPLE"), dave, bob, alice);
    assertMatches(byEmail("smith@"), bob);
    assertMatches(byEmail("nobody"));
    assertMatches(new UserFilter(null, Role.ADMIN, null, null, null), carol);
    assertMatches(new UserFilter(null, Role.USER, null, null, null), dave, bob, alice);
    assertMatches(new UserFilter(null, null, true, null, null), carol, bob);
    assertMatches(new UserFilter(null, null, false, null, null), dave, alice);
    assertMatches(new UserFilter(null, null, null, T0.plusSeconds(2), null), dave, carol);
    assertMatches(new UserFilter(null, null, null, null, T0.plusSeconds(3)), bob, alice);
    assertMatches(new UserFilter(null, null, null, T0.plusSeconds(1), T0.plusSeconds(4)),
        carol, bob);
    assertMatches(new UserFilter(null, null, null, T0.plusSeconds(2).minusNanos(1000),
        T0.plusSeconds(2).plusNanos(1000)), bob);
    assertMatches(new UserFilter("example", Role.USER, false, null, null), dave, alice);
    assertMatches(new UserFilter("example", Role.USER, false, T0.plusSeconds(1), null), dave);
  }

  @Test
  void emailFilter_isAPlainSubstring_withoutWildcards() {
    User underscore = user().email("a_b%c@example.test").build();
    User lookalike = user().email("axbyc@example.test").build();
    repository.insert(underscore);
    repository.insert(lookalike);

    assertMatches(byEmail("a_b%c"), underscore);
    assertMatches(byEmail("_"), underscore);
    assertMatches(byEmail("%"), underscore);
    assertMatches(byEmail("a\\"));
  }

  @Test
  void filteredList_pagesLikeTheUnfilteredOne() {
    List<User> admins = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      User u = i % 3 == 0
          ? user().admin().createdAt(T0.plusSeconds(i / 2)).build()
          : user().createdAt(T0.plusSeconds(i / 2)).build();
      repository.insert(u);
      if (u.isAdmin()) {
        admins.add(u);
      }
    }
    UserFilter onlyAdmins = new UserFilter(null, Role.ADMIN, null, null, null);

    assertThat(allPages(onlyAdmins, 2))
        .containsExactlyElementsOf(admins.stream().sorted(NEWEST_FIRST).toList());
    assertThat(repository.count(onlyAdmins)).isEqualTo(3);

    // Every filter that binds a value at once, so each value must land in its own place.
    UserFilter everything = new UserFilter("@", Role.ADMIN, true, T0.minusSeconds(1),
        T0.plusSeconds(4));
    assertThat(allPages(everything, 1))
        .containsExactlyElementsOf(admins.stream().sorted(NEWEST_FIRST).toList());
    assertThat(repository.count(everything)).isEqualTo(3);
  }

  // --- purge of never-verified accounts -------------------------------------------------------

  @Test
  void purge_deletesOnlyNeverVerifiedAccountsCreatedBeforeTheCutoff() {
    Instant cutoff = T0.plus(Duration.ofDays(2));
    User stale = user().createdAt(T0).build();
    User staleToo = user().createdAt(cutoff.minusNanos(1000)).build();
    User verified = user().verifiedAt(T0.plusSeconds(60)).createdAt(T0).build();
    User atCutoff = user().createdAt(cutoff).build();
    User fresh = user().createdAt(cutoff.plusSeconds(1)).build();
    for (User u : List.of(stale, staleToo, verified, atCutoff, fresh)) {
      repository.insert(u);
    }

    List<UserId> removed = repository.deleteNeverVerifiedCreatedBefore(cutoff);

    assertThat(removed).containsExactlyInAnyOrder(stale.id(), staleToo.id());
    assertThat(repository.findById(stale.id())).isEmpty();
    assertThat(repository.findById(staleToo.id())).isEmpty();
    assertThat(repository.findById(verified.id())).contains(verified);
    assertThat(repository.findById(atCutoff.id())).contains(atCutoff);
    assertThat(repository.findById(fresh.id())).contains(fresh);
    assertThat(repository.deleteNeverVerifiedCreatedBefore(cutoff)).isEmpty();
  }

  @Test
  void purge_keepsAnInvitedAccount_untilItsInvitationExpiredBeforeTheCutoff() {
    Instant cutoff = T0.plus(Duration.ofDays(30));
    User waiting = user().createdAt(T0).invitedUntil(cutoff).build();
    User lapsed = user().createdAt(T0).invitedUntil(cutoff.minusSeconds(1)).build();
    repository.insert(waiting);
    repository.insert(lapsed);

    assertThat(repository.deleteNeverVerifiedCreatedBefore(cutoff)).containsExactly(lapsed.id());
    assertThat(repository.findById(waiting.id())).contains(waiting);
    assertThat(repository.findById(waiting.id()).orElseThrow().invitedUntil()).contains(cutoff);
  }

  @Test
  void anInvitation_isStored_andEndsWhenTheEmailIsVerified() {
    User invited = user().createdAt(T0).invitedUntil(T0.plus(Duration.ofDays(7))).build();
    repository.insert(invited);
    User stored = repository.findById(invited.id()).orElseThrow();
    assertThat(stored).isEqualTo(invited);

    User verified = repository.update(stored.verified(T0.plusSeconds(60)));

    assertThat(verified.invitedUntil()).isEmpty();
    assertThat(repository.findById(invited.id())).contains(verified);
  }

  @Test
  void customAttributes_areStored_andReadBackEqual() {
    User user = user().createdAt(T0).build();
    repository.insert(user);
    Metadata metadata = Metadata.parse(
        "{\"theme\":\"dark\",\"n\":1.50,\"nested\":{\"list\":[1e2,\"é\\n\",null,true]}}",
        "metadata");
    Metadata appMetadata = Metadata.parse("{\"plan\":\"pro\",\"tenant\":42}", "app_metadata");

    User stored = repository.update(repository.findById(user.id()).orElseThrow()
        .withMetadata(metadata, T0.plusSeconds(1)).withAppMetadata(appMetadata, T0.plusSeconds(1)));

    User read = repository.findById(user.id()).orElseThrow();
    assertThat(read).isEqualTo(stored);
    assertThat(read.metadata()).isEqualTo(metadata);
    assertThat(read.appMetadata().json()).isEqualTo("{\"plan\":\"pro\",\"tenant\":42}");
    assertThat(repository.findByEmail(user.email()).orElseThrow().metadata()).isEqualTo(metadata);
  }

  @Test
  void purge_keepsAnAccountThatChangedItsEmailAfterVerification() {
    User verified = user().verified().createdAt(T0).build();
    repository.insert(verified);
    User moved = repository.update(verified.withEmail(TestUsers.uniqueEmail(), T0.plusSeconds(1)));

    List<UserId> removed = repository.deleteNeverVerifiedCreatedBefore(T0.plus(Duration.ofDays(3)));

    assertThat(removed).isEmpty();
    assertThat(repository.findById(verified.id())).contains(moved);
  }

  @Test
  void finding4_purge_neverDeletesAnAdministrator_evenANeverVerifiedOne() {
    User admin = user().role(Role.ADMIN).createdAt(T0).build();
    User stale = user().createdAt(T0).build();
    repository.insert(admin);
    repository.insert(stale);

    List<UserId> removed = repository.deleteNeverVerifiedCreatedBefore(T0.plus(Duration.ofDays(3)));

    assertThat(removed).containsExactly(stale.id());
    assertThat(repository.findById(admin.id())).contains(admin);
    assertThat(repository.anyAdmin()).isTrue();
  }

  // --- concurrency ----------------------------------------------------------------------------

  @Test
  void sameEmailInsertedFromManyThreads_exactlyOneSucceeds() {
    Email email = TestUsers.uniqueEmail();
    List<User> candidates = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      candidates.add(user().email(email.value()).build());
    }

    List<Outcome<User>> outcomes = Race.run(RACERS, i -> {
      repository.insert(candidates.get(i));
      return candidates.get(i);
    });

    List<User> winners = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
    assertThat(winners).hasSize(1);
    assertOnlyConflicts(outcomes);
    assertThat(repository.findByEmail(email)).contains(winners.get(0));
    assertThat(repository.count(UserFilter.ANY)).isEqualTo(1);
  }

  @Test
  void oneLoadedVersionUpdatedFromManyThreads_exactlyOneSucceeds() {
    User loaded = user().build();
    repository.insert(loaded);

    List<Outcome<User>> outcomes = Race.run(RACERS, i -> repository.update(
        loaded.withNames(new PersonName("Racer " + i), null, T0.plusSeconds(i))));

    List<User> winners = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
    assertThat(winners).hasSize(1);
    assertOnlyConflicts(outcomes);
    assertThat(repository.findById(loaded.id())).contains(winners.get(0));
    assertThat(winners.get(0).version()).isEqualTo(loaded.version() + 1);
  }

  @Test
  void lastTwoAdminsDemotedAtOnce_oneAdminRemains() {
    User first = user().admin().build();
    User second = user().admin().build();
    repository.insert(first);
    repository.insert(second);
    List<User> admins = List.of(first, second);

    List<Outcome<User>> outcomes = Race.run(2,
        i -> repository.update(admins.get(i).withRole(Role.USER, T0.plusSeconds(1))));

    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertOnlyConflicts(outcomes);
    assertThat(repository.anyAdmin()).isTrue();
    assertThat(repository.count(new UserFilter(null, Role.ADMIN, null, null, null))).isEqualTo(1);
  }

  @Test
  void lastTwoAdminsDeletedAtOnce_oneAdminRemains() {
    User first = user().admin().build();
    User second = user().admin().build();
    repository.insert(first);
    repository.insert(second);
    List<User> admins = List.of(first, second);

    List<Outcome<Boolean>> outcomes = Race.run(2, i -> {
      repository.delete(admins.get(i).id());
      return true;
    });

    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertOnlyConflicts(outcomes);
    assertThat(repository.anyAdmin()).isTrue();
    assertThat(repository.count(UserFilter.ANY)).isEqualTo(1);
  }

  // --- helpers --------------------------------------------------------------------------------

  private static UserFilter byEmail(String part) {
    return new UserFilter(part, null, null, null, null);
  }

  private static UserCursor cursorOf(User user) {
    return new UserCursor(user.createdAt(), user.id());
  }

  private void assertMatches(UserFilter filter, User... expected) {
    assertThat(repository.list(filter, null, 100).items()).as("list %s", filter)
        .containsExactly(expected);
    assertThat(repository.count(filter)).as("count %s", filter).isEqualTo(expected.length);
  }

  /** Follows the cursors from the first page to the last, checking each page on the way. */
  private List<User> allPages(UserFilter filter, int limit) {
    List<User> all = new ArrayList<>();
    UserCursor cursor = null;
    for (int pages = 0; pages < 1000; pages++) {
      UserPage page = repository.list(filter, cursor, limit);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      all.addAll(page.items());
      Optional<UserCursor> next = page.next();
      if (next.isEmpty()) {
        return all;
      }
      assertThat(page.items()).hasSize(limit);
      assertThat(next).contains(cursorOf(page.items().get(page.items().size() - 1)));
      cursor = next.get();
    }
    throw new AssertionError("the pages never ended");
  }

  private static void assertOnlyConflicts(List<? extends Outcome<?>> outcomes) {
    assertThat(outcomes).filteredOn(o -> !o.succeeded())
        .allSatisfy(o -> assertThat(o.error()).isInstanceOf(ConflictException.class));
  }

  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
