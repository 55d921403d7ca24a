package dev.userservice.application;

import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.inmemory.InMemoryUserRepository;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.HostileStrings;
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
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.WithNull;

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

  @Property(tries = 2000)
  void anyCursor_isAPage_orInvalidInputForTheFieldCursor(@ForAll("cursors") String cursor,
      @ForAll("limits") int limit) {
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
  }

  @Property(tries = 300)
  void everyIssuedCursor_continuesWhereItsPageEnded(@ForAll("issued") String cursor) {
    List<User> all = LIST.list(new ListUsers.Query(ADMIN, null, null, 100)).items();
    ListUsers.Page first = LIST.list(new ListUsers.Query(ADMIN, null, null, 4));
    assertThat(first.items()).isEqualTo(all.subList(0, 4));

    ListUsers.Page page = LIST.list(new ListUsers.Query(ADMIN, null, cursor, 4));

    int at = ISSUED.indexOf(cursor);
    assertThat(page.items()).isEqualTo(all.subList(4 * (at + 1),
        Math.min(all.size(), 4 * (at + 2))));
  }

  @Property(tries = 1000)
  void anyLimit_isAQuery_orInvalidInputForTheFieldLimit(@ForAll int limit) {
    ListUsers.Query query = valueOrInvalid(
        () -> new ListUsers.Query(ADMIN, null, null, limit), "limit");

    assertThat(query != null).isEqualTo(limit >= 1 && limit <= ListUsers.MAX_LIMIT);
    if (query != null) {
      assertThat(query.filter()).isEqualTo(UserFilter.ANY);
    }
  }

  @Property(tries = 2000)
  void anyFilterValues_makeAFilter_orInvalidInputNamingTheParameter(
      @ForAll("anything") String email, @ForAll("instants") Instant after,
      @ForAll("instants") Instant before, @ForAll @WithNull Role role,
      @ForAll @WithNull Boolean verified) {
    UserFilter filter = null;
    try {
      filter = ListUsers.filter(email, role, verified, after, before);
    } catch (dev.userservice.domain.InvalidInputException e) {
      assertThat(e.errors()).hasSize(1);
      String field = e.errors().get(0).field();
      assertThat(field).isIn("email", "created_before");
      if (field.equals("email")) {
        assertThat(email.strip().length()).isGreaterThan(254);
      } else {
        assertThat(after.isBefore(before)).isFalse();
      }
      return;
    }
    if (email == null || email.isBlank()) {
      assertThat(filter.emailContains()).isNull();
    } else {
      assertThat(filter.emailContains()).isEqualTo(email.strip()).hasSizeLessThanOrEqualTo(254);
    }
    assertThat(filter.role()).isEqualTo(role);
    assertThat(filter.emailVerified()).isEqualTo(verified);
    assertThat(filter.createdAfter()).isEqualTo(after);
    assertThat(filter.createdBefore()).isEqualTo(before);

    // The filter is usable: listing with it is a page, never an error.
    assertThat(LIST.list(new ListUsers.Query(ADMIN, filter, null, 10)).items())
        .allSatisfy(user -> assertThat(user.role()).isEqualTo(role == null ? user.role() : role));
  }

  @Provide
  Arbitrary<String> anything() {
    return HostileStrings.any();
  }

  @Provide
  Arbitrary<String> issued() {
    return Arbitraries.of(ISSUED);
  }

  @Provide
  Arbitrary<Integer> limits() {
    return Arbitraries.integers().between(1, ListUsers.MAX_LIMIT);
  }

  /** Issued cursors, their near misses, and hand-made ones with hostile contents. */
  @Provide
  Arbitrary<String> cursors() {
    Arbitrary<String> forged = Arbitraries.of(
        "0:0:" + new UUID(0, 0), "-1:-1:" + new UUID(0, 0), "9223372036854775807:0:x",
        Long.MAX_VALUE + ":999999999:" + new UUID(1, 1), "31556889864403199:999999999:"
            + new UUID(1, 1), "1:1000000000:" + new UUID(1, 1), "1:2", "::", ":",
        "1:1:+0000000-0000-0000-0000-000000000000", "\u0660:\u0660:" + new UUID(0, 0))
        .map(raw -> Base64.getUrlEncoder().withoutPadding()
            .encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<String> base64OfAnything = HostileStrings.any().filter(s -> s != null)
        .map(raw -> Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(HostileStrings.anyAround(Arbitraries.of(ISSUED)), forged,
        base64OfAnything);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
            .map(Instant::ofEpochSecond),
        Arbitraries.longs().between(-5, 5).map(START::plusSeconds),
        Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH)).injectNull(0.3);
  }
}
