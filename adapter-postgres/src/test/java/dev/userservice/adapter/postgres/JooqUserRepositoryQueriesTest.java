package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.row;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the contract cannot show on a handful of rows: paging through 1,200 users under every
 * filter, the indexes the queries use, and races between two instances (two pools).
 */
class JooqUserRepositoryQueriesTest {

  private static final int SEEDED = 1_200;
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00.000001Z");
  private static final PasswordHash HASH =
      new PasswordHash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");
  private static final Comparator<User> NEWEST_FIRST = Comparator.comparing(User::createdAt)
      .thenComparing(User::id, (a, b) -> unsigned(a.value(), b.value()))
      .reversed();

  private static JooqUserRepository repository;
  private static List<User> everyone;

  @BeforeAll
  static void seed() {
    TestDatabase.clean();
    repository = new JooqUserRepository(TestDatabase.get().dsl(), TestDatabase.totpBox());
    Random random = new Random(42);
    everyone = new ArrayList<>();
    for (int i = 0; i < SEEDED; i++) {
      // Ten users per second, so many share created_at and the id has to break the tie.
      Instant created = T0.plusSeconds(i / 10);
      String local = "user" + i + (i % 5 == 0 ? "%x" : "") + (i % 7 == 0 ? "_corp" : "");
      User user = User.register(new UserId(UUID.randomUUID()), new Email(local + "@mail.test"),
          new PersonName("User " + i), null, HASH, i % 50 == 0 ? Role.ADMIN : Role.USER, created);
      if (random.nextInt(3) > 0) {
        user = user.verified(created.plusSeconds(30));
      }
      everyone.add(user);
    }
    everyone.forEach(repository::insert);
    everyone.sort(NEWEST_FIRST);
  }

  @Test
  @DisplayName("keyset pages over 1,200 users concatenate to the filtered, ordered list under every filter, and count agrees")
  void pagingThroughEveryFilter_matchesTheFullOrderedList() {
    List<UserFilter> filters = List.of(
        UserFilter.ANY,
        new UserFilter(null, Role.ADMIN, null, null, null),
        new UserFilter(null, Role.USER, true, null, null),
        new UserFilter(null, null, false, null, null),
        new UserFilter("_CORP", null, null, null, null),
        new UserFilter("%x", null, null, null, null),
        new UserFilter("_", null, null, null, null),
        new UserFilter("user1", Role.USER, true, T0.plusSeconds(10), T0.plusSeconds(100)));

    for (UserFilter filter : filters) {
      List<User> expected = everyone.stream().filter(matches(filter)).toList();
      List<User> paged = new ArrayList<>();
      UserCursor cursor = null;
      do {
        UserPage page = repository.list(filter, cursor, 37);
        assertThat(page.items()).hasSizeLessThanOrEqualTo(37);
        paged.addAll(page.items());
        cursor = page.next().orElse(null);
      } while (cursor != null);

      assertThat(paged).as("pages under %s", filter).containsExactlyElementsOf(expected);
      assertThat(repository.count(filter)).as("count under %s", filter).isEqualTo(expected.size());
    }
  }

  @Test
  @DisplayName("a deep page is an index range scan on (created_at, id), with no sort of the table")
  void deepPage_usesTheKeysetIndex() {
    User deep = everyone.get(SEEDED - 100);
    String plan = explain(dsl -> dsl.renderInlined(dsl.selectFrom(USERS)
        .where(row(USERS.CREATED_AT, USERS.ID).lt(deep.createdAt(), deep.id().value()))
        .orderBy(USERS.CREATED_AT.desc(), USERS.ID.desc())
        .limit(21)));

    assertThat(plan).contains("users_created_at_id_idx").doesNotContain("Sort");
  }

  @Test
  @DisplayName("the email substring filter, the admin filter and the purge each have an index that serves them")
  void filtersAndPurge_haveServingIndexes() {
    assertThat(explain(dsl -> "SELECT id FROM users WHERE email ILIKE '%\\_corp%' ESCAPE '\\'"))
        .contains("users_email_trgm_idx");
    assertThat(explain(dsl -> "SELECT id FROM users WHERE role = 'ADMIN' "
        + "ORDER BY created_at DESC, id DESC LIMIT 21")).contains("users_admins_created_at_id_idx");
    assertThat(explain(dsl -> "SELECT id FROM users WHERE email_verified_at IS NULL "
        + "ORDER BY created_at DESC, id DESC LIMIT 21"))
        .contains("users_unverified_created_at_id_idx");
    assertThat(explain(dsl -> "DELETE FROM users WHERE NOT ever_verified "
        + "AND created_at < '2025-01-01T00:01:00Z' AND role <> 'ADMIN' RETURNING id"))
        .contains("users_never_verified_created_at_idx");
  }

  @Test
  @DisplayName("two instances registering one email at the same moment: exactly one wins, the other gets a conflict")
  void twoInstancesRegisteringOneEmail_exactlyOneWins() throws Exception {
    PostgresSettings shared = TestDatabase.settings();
    try (PostgresDatabase one = new PostgresDatabase(shared);
        PostgresDatabase two = new PostgresDatabase(shared)) {
      List<JooqUserRepository> instances = List.of(
          new JooqUserRepository(one.dsl(), TestDatabase.totpBox()),
          new JooqUserRepository(two.dsl(), TestDatabase.totpBox()));
      for (int round = 0; round < 5; round++) {
        Email email = new Email("race" + round + "@example.test");
        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(8, i -> {
          instances.get(i % 2).insert(User.register(new UserId(UUID.randomUUID()), email, null,
              null, HASH, Role.USER, T0));
          return true;
        });

        assertThat(outcomes).filteredOn(o -> o.error() == null).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.error() != null)
            .allSatisfy(o -> assertThat(o.error()).isInstanceOf(ConflictException.class));
        assertThat(repository.findByEmail(email)).isPresent();
      }
    }
  }

  @Test
  @DisplayName("the purge deletes exactly the never-verified accounts before the cutoff and returns their ids")
  void purge_ofManyAccounts_returnsExactlyTheirIds() {
    TestDatabase.clean();
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      User user = User.register(new UserId(UUID.randomUUID()),
          new Email("purge" + i + "@example.test"), null, null, HASH, Role.USER,
          T0.plusSeconds(i));
      users.add(i % 3 == 0 ? user.verified(T0.plusSeconds(i + 1)) : user);
    }
    users.forEach(repository::insert);
    Instant cutoff = T0.plusSeconds(150);
    Set<UserId> doomed = new HashSet<>();
    users.stream().filter(u -> !u.everVerified() && u.createdAt().isBefore(cutoff))
        .forEach(u -> doomed.add(u.id()));

    List<UserId> removed = repository.deleteNeverVerifiedCreatedBefore(cutoff);

    assertThat(removed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(doomed);
    assertThat(repository.count(UserFilter.ANY)).isEqualTo(300 - doomed.size());
    assertThat(repository.deleteNeverVerifiedCreatedBefore(cutoff)).isEmpty();
    // Leave the shared table as the other tests of this class expect it.
    TestDatabase.clean();
    everyone.forEach(repository::insert);
  }

  private static Predicate<User> matches(UserFilter f) {
    return u -> (f.emailContains() == null
            || u.email().value().contains(f.emailContains().toLowerCase(Locale.ROOT)))
        && (f.role() == null || u.role() == f.role())
        && (f.emailVerified() == null || u.isEmailVerified() == f.emailVerified())
        && (f.createdAfter() == null || u.createdAt().isAfter(f.createdAfter()))
        && (f.createdBefore() == null || u.createdAt().isBefore(f.createdBefore()));
  }

  /** The plan of {@code sql} with sequential scans priced out, so a usable index shows up. */
  private static String explain(Function<DSLContext, String> sql) {
    return TestDatabase.get().dsl().transactionResult(tx -> {
      DSLContext db = tx.dsl();
      db.execute("ANALYZE users");
      db.execute("SET LOCAL enable_seqscan = off");
      return String.join("\n", db.fetch("EXPLAIN " + sql.apply(db)).getValues(0, String.class));
    });
  }

  private static int unsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
