package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.HostileStrings;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.VerificationCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any strings make a use-case command whose parts are exactly the domain's values, or an
 * invalid-input error naming the first offending field (in the order the command checks them).
 * Nothing else: no null pointer, no illegal argument.
 */
class CommandPropertiesTest {

  private static final Actor ACTOR = new Actor(new UserId(new UUID(7, 7)), Role.USER,
      new SessionId("AAAAAAAAAAAAAAAAAAAAAA"));

  @Property(tries = 1000)
  void registerUser_anyStrings_makeTheDomainValues_orNameTheFirstInvalidField(
      @ForAll("emails") String email, @ForAll("passwords") String password,
      @ForAll("names") String firstName, @ForAll("names") String lastName,
      @ForAll("anything") String clientAddress) {
    Map<String, Supplier<?>> parts = new LinkedHashMap<>();
    parts.put("email", () -> Email.of(email, "email"));
    parts.put("password", () -> Password.of(password, "password"));
    parts.put("first_name", () -> PersonName.ofNullable(firstName, "first_name"));
    parts.put("last_name", () -> PersonName.ofNullable(lastName, "last_name"));

    RegisterUser.Command command = commandOrFirstInvalid(parts,
        () -> new RegisterUser.Command(email, password, firstName, lastName, clientAddress));

    if (command != null) {
      assertThat(command.email()).isEqualTo(Email.of(email, "email"));
      assertThat(command.password().value()).isSameAs(password);
      assertThat(command.firstName()).isEqualTo(PersonName.ofNullable(firstName, "first_name"));
      assertThat(command.lastName()).isEqualTo(PersonName.ofNullable(lastName, "last_name"));
      assertThat(command.clientAddress()).isSameAs(clientAddress);
    }
  }

  @Property(tries = 1000)
  void authenticateUser_anyStrings_makeTheDomainValues_orNameTheFirstInvalidField(
      @ForAll("emails") String email, @ForAll("passwords") String password,
      @ForAll("anything") String clientAddress) {
    Map<String, Supplier<?>> parts = new LinkedHashMap<>();
    parts.put("email", () -> Email.of(email, "email"));
    parts.put("password", () -> Password.of(password, "password"));

    AuthenticateUser.Command command = commandOrFirstInvalid(parts,
        () -> new AuthenticateUser.Command(email, password, clientAddress));

    if (command != null) {
      assertThat(command.email()).isEqualTo(Email.of(email, "email"));
      assertThat(command.password().value()).isSameAs(password);
    }
  }

  @Property(tries = 1000)
  void changePassword_anyStrings_makeTheDomainValues_orNameTheFirstInvalidField(
      @ForAll("passwords") String current, @ForAll("passwords") String next) {
    Map<String, Supplier<?>> parts = new LinkedHashMap<>();
    parts.put("current_password", () -> Password.of(current, "current_password"));
    parts.put("new_password", () -> Password.of(next, "new_password"));

    ChangePassword.Command command = commandOrFirstInvalid(parts,
        () -> new ChangePassword.Command(ACTOR, current, next));

    if (command != null) {
      assertThat(command.currentPassword().value()).isSameAs(current);
      assertThat(command.newPassword().value()).isSameAs(next);
      assertThat(command.actor()).isEqualTo(ACTOR);
    }
  }

  @Property(tries = 1000)
  void resetPassword_anyStrings_makeTheDomainValues_orNameTheFirstInvalidField(
      @ForAll("emails") String email, @ForAll("codes") String code,
      @ForAll("passwords") String next) {
    Map<String, Supplier<?>> parts = new LinkedHashMap<>();
    parts.put("email", () -> Email.of(email, "email"));
    parts.put("code", () -> VerificationCode.parse(code));
    parts.put("new_password", () -> Password.of(next, "new_password"));

    ResetPassword.Command command = commandOrFirstInvalid(parts,
        () -> new ResetPassword.Command(email, code, next));

    if (command != null) {
      assertThat(command.email()).isEqualTo(Email.of(email, "email"));
      assertThat(command.code()).isEqualTo(VerificationCode.parse(code));
      assertThat(command.newPassword().value()).isSameAs(next);
    }
  }

  /**
   * Builds the command; if one of {@code parts} (in order) is invalid, the command must fail with
   * exactly that field's error, else it must succeed.
   */
  private static <C> C commandOrFirstInvalid(Map<String, Supplier<?>> parts, Supplier<C> build) {
    String firstInvalid = null;
    for (Map.Entry<String, Supplier<?>> part : parts.entrySet()) {
      if (firstInvalid == null && isInvalid(part.getValue())) {
        firstInvalid = part.getKey();
      }
    }
    if (firstInvalid == null) {
      return build.get();
    }
    Throwable thrown = catchThrowable(build::get);
    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    assertThat(((InvalidInputException) thrown).errors()).extracting(FieldError::field)
        .containsExactly(firstInvalid);
    return null;
  }

  private static boolean isInvalid(Supplier<?> part) {
    try {
      part.get();
      return false;
    } catch (InvalidInputException e) {
      return true;
    }
  }

  @Provide
  Arbitrary<String> anything() {
    return HostileStrings.any();
  }

  @Provide
  Arbitrary<String> emails() {
    return HostileStrings.anyAround(Arbitraries.of("ada@example.com", " Ada.Lovelace@Example.COM ",
        "a@localhost", "x+tag@sub.example.org"));
  }

  @Provide
  Arbitrary<String> passwords() {
    return HostileStrings.anyAround(Arbitraries.of("correct horse battery", "short", "x"));
  }

  @Provide
  Arbitrary<String> names() {
    return HostileStrings.anyAround(Arbitraries.of("Ada", " Grace ", "", "Jean-Luc"));
  }

  @Provide
  Arbitrary<String> codes() {
    return HostileStrings.anyAround(Arbitraries.strings().numeric().ofLength(6));
  }
}
