package dev.userservice.application;

import static dev.userservice.domain.HostileStrings.any;
import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.cases;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.pick;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static dev.userservice.domain.HostileStrings.withEdges;
import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.inmemory.InMemoryUserRepository;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.Email;
import dev.userservice.domain.HostileStrings;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A page request, a filter and a cursor built from anything a client can send are a page or an
 * invalid-input error naming the parameter; a cursor this service issued always works.
 */
class ListUsersPropertiesTest {

  private static final Actor ADMIN = new Actor(new UserId(new UUID(1, 1)), Role.ADMIN,
      new SessionId("AAAAAAAAAAAAAAAAAAAAAA"));
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final InMemoryUserRepository USERS = new InMemoryUserRepository();
  private static final ListUsers LIST = new ListUsers(USERS);
  private static final List<String> ISSUED = new ArrayList<>();
  private static final List<String> FORGED = Stream.of(
          "0:0:" + new UUID(0, 0), "-1:-1:" + new UUID(0, 0), "9223372036854775807:0:x",
          Long.MAX_VALUE + ":999999999:" + new UUID(1, 1), "31556889864403199:999999999:"
              + new UUID(1, 1), "1:1000000000:" + new UUID(1, 1), "1:2", "::", ":",
          "1:1:+0000000-0000-0000-0000-000000000000", "\u0660:\u0660:" + new UUID(0, 0))
      .map(raw -> Base64.getUrlEncoder().withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8)))
      .toList();

  static {
    for (int i = 0; i < 25; i++) {
      Instant at = START.plusSeconds(i / 3); // a few share a timestamp: the id breaks the tie
      USERS.insert(User.register(new UserId(new UUID(at.toEpochMilli(), i)),
          new Email("user" + i + "@example.com"), null, null, new PasswordHash("$argon2id$test"),
          i % 5 == 0 ? Role.ADMIN : Role.USER, at));
    }
    String cursor = null;
    do {
      cursor = LIST.list(new ListUsers.Query(ADMIN, null, cursor, 4)).nextCursor();
      if (cursor != null) {
        ISSUED.add(cursor);
      }
    } while (cursor != null);
  }

  @Test
  void anyCursor_isAPage_orInvalidInputForTheFieldCursor() {
    Stream<CursorCase> cases = cases(1, 2000, random -> new CursorCase(cursor(random),
        1 + random.nextInt(ListUsers.MAX_LIMIT)));
    forAll(cases, input -> {
      String cursor = input.cursor();
      int limit = input.limit();
      ListUsers.Page page = valueOrInvalid(
          () -> LIST.list(new ListUsers.Query(ADMIN, UserFilter.ANY, cursor, limit)), "cursor");
      if (page == null) {
        assertThat(cursor).isNotEmpty();
        return;
      }
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      if (page.nextCursor() != null) {
        assertThat(page.items()).hasSize(limit);
      }
    });
  }

  @Test
  void everyIssuedCursor_continuesWhereItsPageEnded() {
    forAll(cases(2, 300, random -> pick(random, ISSUED)), cursor -> {
      List<User> all = LIST.list(new ListUsers.Query(ADMIN, null, null, 100)).items();
      ListUsers.Page first = LIST.list(new ListUsers.Query(ADMIN, null, null, 4));
      assertThat(first.items()).isEqualTo(all.subList(0, 4));

      ListUsers.Page page = LIST.list(new ListUsers.Query(ADMIN, null, cursor, 4));

      int at = ISSUED.indexOf(cursor);
      assertThat(page.items()).isEqualTo(all.subList(4 * (at + 1),
          Math.min(all.size(), 4 * (at + 2))));
    });
  }

  @Test
  void anyLimit_isAQuery_orInvalidInputForTheFieldLimit() {
    List<Integer> edges = List.of(0, 1, ListUsers.MAX_LIMIT, ListUsers.MAX_LIMIT + 1);
    forAll(withEdges(edges, 3, 1000, HostileStrings::anyInt), limit -> {
      ListUsers.Query query = valueOrInvalid(
          () -> new ListUsers.Query(ADMIN, null, null, limit), "limit");

      assertThat(query != null).isEqualTo(limit >= 1 && limit <= ListUsers.MAX_LIMIT);
      if (query != null) {
        assertThat(query.filter()).isEqualTo(UserFilter.ANY);
      }
    });
  }

  @Test
  void anyFilterValues_makeAFilter_orInvalidInputNamingTheParameter() {
    Stream<FilterCase> cases = cases(4, 2000, random -> new FilterCase(any(random),
        instant(random), instant(random), orNull(random, pick(random, List.of(Role.values()))),
        orNull(random, random.nextBoolean())));
    forAll(cases, input -> {
      String email = input.email();
      Instant after = input.after();
      Instant before = input.before();
      Role role = input.role();
      Boolean verified = input.verified();
      UserFilter filter = null;
      try {
        filter = new UserFilter(email, role, verified, after, before);
      } catch (InvalidInputException e) {
        // Every invalid field is reported, each once.
        assertThat(e.errors()).isNotEmpty().extracting(FieldError::field).doesNotHaveDuplicates();
        for (FieldError error : e.errors()) {
          String field = error.field();
          assertThat(field).isIn("email", "created_after", "created_before");
          if (field.equals("email")) {
            assertThat(email.strip().length() > 254
                || email.strip().chars().anyMatch(Character::isISOControl)).isTrue();
          } else if (field.equals("created_after")) {
            assertThat(storable(after)).isFalse();
          } else {
            assertThat(!storable(before) || !after.isBefore(before)).isTrue();
          }
        }
        return;
      }
      if (email == null || email.isBlank()) {
        assertThat(filter.emailContains()).isNull();
      } else {
        assertThat(filter.emailContains()).isEqualTo(email.strip())
            .hasSizeLessThanOrEqualTo(254)
            .satisfies(text -> assertThat(text.chars().noneMatch(Character::isISOControl)).isTrue());
      }
      assertThat(filter.role()).isEqualTo(role);
      assertThat(filter.emailVerified()).isEqualTo(verified);
      assertThat(after == null || storable(after)).isTrue();
      assertThat(before == null || storable(before)).isTrue();
      assertThat(filter.createdAfter()).isEqualTo(after);
      assertThat(filter.createdBefore()).isEqualTo(before);

      // The filter is usable: listing with it is a page, never an error.
      assertThat(LIST.list(new ListUsers.Query(ADMIN, filter, null, 10)).items())
          .allSatisfy(user -> assertThat(user.role()).isEqualTo(role == null ? user.role() : role));
    });
  }

  /** Issued cursors, their near misses, and hand-made ones with hostile contents. */
  private static String cursor(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> anyAround(r -> pick(r, ISSUED)).apply(random);
      case 1 -> pick(random, FORGED);
      default -> {
        String raw;
        do {
          raw = any(random);
        } while (raw == null);
        yield Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /** Any instant, one near the users' creation times, or an extreme; 3 in 10 {@code null}. */
  private static Instant instant(Random random) {
    if (random.nextInt(10) < 3) {
      return null;
    }
    return switch (random.nextInt(3)) {
      case 0 -> Instant.ofEpochSecond(
          random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1));
      case 1 -> START.plusSeconds(random.nextInt(11) - 5);
      default -> pick(random, List.of(Instant.MIN, Instant.MAX, Instant.EPOCH));
    };
  }

  /** {@code value}, or one time in ten {@code null}. */
  private static <T> T orNull(Random random, T value) {
    return random.nextInt(10) == 0 ? null : value;
  }

  private record CursorCase(String cursor, int limit) {}

  private record FilterCase(String email, Instant after, Instant before, Role role,
      Boolean verified) {}

  /** Whether every store can hold {@code instant}: years 1 to 9999. */
  private static boolean storable(Instant instant) {
    return !instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
        && !instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"));
  }
}
