package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.application.ImportUsers.Entry;
import dev.userservice.application.ImportUsers.Result;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.Role;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ImportUsersTest {

  private static final String PASSWORD = "lètmein correct horse";
  // Made by Spring Security's BCryptPasswordEncoder ($2b, cost 5) and by Python's hashlib as
  // Django 5 writes pbkdf2_sha256, both from PASSWORD.
  private static final String BCRYPT =
      "$2b$05$6ujoPYBa4112ncKfQ7H9.uKK0rLNtW0AtiBy6XiMEEJKe95Bk3dRq";
  private static final String DJANGO = "pbkdf2_sha256$870000$seasaltDjango22chars00"
      + "$vw8Cz5ttW8SvCFx95wDE+JgjO6iet5yEvAguwPpg6+0=";

  private final ServiceFixture fixture = new ServiceFixture();
  private final ImportUsers importUsers = fixture.service.importUsers();
  private Actor admin;

  @Test
  void importedUsers_logInWithTheirOldPasswords_andGetArgon2idAtTheFirstLogin() {
    List<Result> results = importAll(
        entry(1, "ada@example.com", true, null, BCRYPT),
        entry(2, "bob@example.com", false, "admin", DJANGO));

    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Result.Created.class));
    User ada = fixture.users.findByEmail(new Email("ada@example.com")).orElseThrow();
    User bob = fixture.users.findByEmail(new Email("bob@example.com")).orElseThrow();
    assertThat(ada.isEmailVerified()).isTrue();
    assertThat(ada.role()).isEqualTo(Role.USER);
    assertThat(bob.isEmailVerified()).isFalse();
    assertThat(bob.role()).isEqualTo(Role.ADMIN);
    assertThat(ada.passwordHash().value()).isEqualTo(BCRYPT);
    assertThat(bob.passwordHash().value()).startsWith("$pbkdf2-sha256$i=870000$");

    for (String email : List.of("ada@example.com", "bob@example.com")) {
      assertThatThrownBy(() -> fixture.login.authenticate(
          new AuthenticateUser.Command(email, PASSWORD + "x", null)))
          .isInstanceOf(UnauthenticatedException.class);
      long versionBefore = fixture.users.findByEmail(new Email(email)).orElseThrow().version();
      fixture.newEvents();

      fixture.login.authenticate(new AuthenticateUser.Command(email, PASSWORD, null));

      User after = fixture.users.findByEmail(new Email(email)).orElseThrow();
      assertThat(after.passwordHash().value()).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
      // One write: the new hash is stored with the login's event.
      assertThat(after.version()).isEqualTo(versionBefore + 1);
      assertThat(fixture.newEvents()).containsExactly(EventType.LOGIN_SUCCEEDED);
      fixture.login.authenticate(new AuthenticateUser.Command(email, PASSWORD, null));
      assertThat(fixture.users.findByEmail(new Email(email)).orElseThrow().version())
          .isEqualTo(after.version());
    }
  }

  @Test
  void theImportIsIdempotentByEmail_andReportsEachLine() {
    importAll(entry(1, "ada@example.com", true, null, BCRYPT));
    fixture.registered("bob@example.com");
    User ada = fixture.users.findByEmail(new Email("ada@example.com")).orElseThrow();
    fixture.newEvents();

    List<Result> again = importAll(
        entry(1, "ADA@example.com", false, "admin", DJANGO),
        entry(2, "bob@example.com", true, null, BCRYPT),
        entry(3, "cy@example.com", true, null, DJANGO),
        entry(4, "cy@example.com", true, null, BCRYPT));

    assertThat(again).extracting(Result::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(again.get(0)).isInstanceOf(Result.Duplicate.class);
    assertThat(again.get(1)).isInstanceOf(Result.Duplicate.class);
    assertThat(again.get(2)).isInstanceOf(Result.Created.class);
    assertThat(again.get(3)).isInstanceOf(Result.Duplicate.class);
    assertThat(fixture.users.findByEmail(new Email("ada@example.com")).orElseThrow())
        .usingRecursiveComparison().isEqualTo(ada);
    assertThat(fixture.newEvents()).containsExactly(EventType.USER_IMPORTED);
    UserEvent.UserImported imported = fixture.last(UserEvent.UserImported.class);
    assertThat(imported.email()).isEqualTo(new Email("cy@example.com"));
    assertThat(imported.emailVerified()).isTrue();
  }

  @Test
  void invalidLines_areRejectedWithEveryReason_andTheRestIsImported() {
    var summary = new ArrayList<Result>();
    ImportUsers.Summary counts = importUsers.importUsers(fixture.admin(), null, List.of(
        entry(1, "not an email", true, "emperor", "$1$md5$nope"),
        Entry.unreadable(2, "is not a JSON object"),
        entry(3, "dee@example.com", null, null, BCRYPT)).iterator(), summary::add);

    assertThat(counts).isEqualTo(new ImportUsers.Summary(1, 0, 2));
    assertThat(((Result.Rejected) summary.get(0)).errors())
        .extracting(e -> e.field()).containsExactly("email", "role", "password_hash");
    assertThat(((Result.Rejected) summary.get(1)).errors())
        .extracting(e -> e.field()).containsExactly("line");
    assertThat(fixture.users.findByEmail(new Email("dee@example.com"))).isPresent();
  }

  @Test
  void onlyAnAdministrator_imports_andNothingIsRead() {
    fixture.registered("eve@example.com");
    var eve = fixture.actor(fixture.loggedIn("eve@example.com"));
    Iterator<Entry> untouched = new Iterator<>() {
      @Override public boolean hasNext() {
        throw new AssertionError("read although forbidden");
      }

      @Override public Entry next() {
        throw new AssertionError("read although forbidden");
      }
    };

    assertThatThrownBy(() -> importUsers.importUsers(eve, null, untouched, r -> { }))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void importsAreThrottledPerAdministrator() {
    var admin = fixture.admin();
    for (int i = 0; i < ImportUsers.IMPORTS_PER_ACCOUNT.max(); i++) {
      importUsers.importUsers(admin, null, List.<Entry>of().iterator(), r -> { });
    }

    assertThatThrownBy(() -> importUsers.importUsers(admin, null, List.<Entry>of().iterator(),
        r -> { })).isInstanceOf(ThrottledException.class);
  }

  @Test
  void trustedCode_importsWithoutAnActor_asTheSystem() {
    AtomicLong seen = new AtomicLong();
    Iterator<Entry> many = LongStream.rangeClosed(1, 50)
        .mapToObj(i -> entry(i, "user" + i + "@example.com", true, null, BCRYPT)).iterator();

    ImportUsers.Summary summary = importUsers.importUsers(null, null, many,
        r -> seen.incrementAndGet());

    assertThat(summary.created()).isEqualTo(50);
    assertThat(seen).hasValue(50);
    assertThat(fixture.last(UserEvent.UserImported.class).meta().actor())
        .isEqualTo(Initiator.system());
  }

  private List<Result> importAll(Entry... entries) {
    if (admin == null) {
      admin = fixture.admin();
    }
    List<Result> results = new ArrayList<>();
    importUsers.importUsers(admin, null, List.of(entries).iterator(), results::add);
    return results;
  }

  private static Entry entry(long line, String email, Boolean verified, String role,
      String hash) {
    return new Entry(line, email, null, null, verified, role, hash, null);
  }
}
