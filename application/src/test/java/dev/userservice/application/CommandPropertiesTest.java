package dev.userservice.application;

import static dev.userservice.domain.HostileStrings.any;
import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.cases;
import static dev.userservice.domain.HostileStrings.charsOf;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.VerificationCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Any strings make a use-case command whose parts are exactly the domain's values, or an
 * invalid-input error naming every offending field (in the order the command declares them).
 * Nothing else: no null pointer, no illegal argument.
 */
class CommandPropertiesTest {

  private static final Actor ACTOR = new Actor(new UserId(new UUID(7, 7)), Role.USER,
      new SessionId("AAAAAAAAAAAAAAAAAAAAAA"));
  private static final Function<Random, String> EMAILS = anyAround(oneOf("ada@example.com",
      " Ada.Lovelace@Example.COM ", "a@localhost", "x+tag@sub.example.org"));
  private static final Function<Random, String> PASSWORDS =
      anyAround(oneOf("correct horse battery", "short", "x"));
  private static final Function<Random, String> NAMES =
      anyAround(oneOf("Ada", " Grace ", "", "Jean-Luc"));
  private static final Function<Random, String> CODES =
      anyAround(random -> charsOf(random, "0123456789", 6, 6));

  @Test
  void registerUser_anyStrings_makeTheDomainValues_orNameEveryInvalidField() {
    Stream<RegisterCase> cases = cases(1, 1000, random -> new RegisterCase(EMAILS.apply(random),
        PASSWORDS.apply(random), NAMES.apply(random), NAMES.apply(random), any(random)));
    forAll(cases, input -> {
      String email = input.email();
      String password = input.password();
      String firstName = input.firstName();
      String lastName = input.lastName();
      String clientAddress = input.clientAddress();
      Map<String, Supplier<?>> parts = new LinkedHashMap<>();
      parts.put("email", () -> Email.of(email, "email"));
      parts.put("password", () -> Password.of(password, "password"));
      parts.put("first_name", () -> PersonName.ofNullable(firstName, "first_name"));
      parts.put("last_name", () -> PersonName.ofNullable(lastName, "last_name"));

      RegisterUser.Command command = commandOrEveryInvalid(parts,
          () -> new RegisterUser.Command(email, password, firstName, lastName,
              RequestContext.from(clientAddress)));

      if (command != null) {
        assertThat(command.email()).isEqualTo(Email.of(email, "email"));
        assertThat(command.password().value()).isSameAs(password);
        assertThat(command.firstName()).isEqualTo(PersonName.ofNullable(firstName, "first_name"));
        assertThat(command.lastName()).isEqualTo(PersonName.ofNullable(lastName, "last_name"));
        assertThat(command.request().clientAddress()).isSameAs(clientAddress);
      }
    });
  }

  @Test
  void authenticateUser_anyStrings_makeTheDomainValues_orNameEveryInvalidField() {
    Stream<AuthenticateCase> cases = cases(2, 1000, random -> new AuthenticateCase(
        EMAILS.apply(random), PASSWORDS.apply(random), any(random)));
    forAll(cases, input -> {
      String email = input.email();
      String password = input.password();
      Map<String, Supplier<?>> parts = new LinkedHashMap<>();
      parts.put("email", () -> Email.of(email, "email"));
      parts.put("password", () -> Password.of(password, "password"));

      AuthenticateUser.Command command = commandOrEveryInvalid(parts,
          () -> new AuthenticateUser.Command(email, password,
              RequestContext.from(input.clientAddress())));

      if (command != null) {
        assertThat(command.email()).isEqualTo(Email.of(email, "email"));
        assertThat(command.password().value()).isSameAs(password);
      }
    });
  }

  @Test
  void changePassword_anyStrings_makeTheDomainValues_orNameEveryInvalidField() {
    Stream<ChangeCase> cases = cases(3, 1000,
        random -> new ChangeCase(PASSWORDS.apply(random), PASSWORDS.apply(random)));
    forAll(cases, input -> {
      String current = input.current();
      String next = input.next();
      Map<String, Supplier<?>> parts = new LinkedHashMap<>();
      parts.put("current_password", () -> Password.of(current, "current_password"));
      parts.put("new_password", () -> Password.of(next, "new_password"));

      ChangePassword.Command command = commandOrEveryInvalid(parts,
          () -> new ChangePassword.Command(ACTOR, current, next));

      if (command != null) {
        assertThat(command.currentPassword().value()).isSameAs(current);
        assertThat(command.newPassword().value()).isSameAs(next);
        assertThat(command.actor()).isEqualTo(ACTOR);
      }
    });
  }

  @Test
  void resetPassword_anyStrings_makeTheDomainValues_orNameEveryInvalidField() {
    Stream<ResetCase> cases = cases(4, 1000, random -> new ResetCase(EMAILS.apply(random),
        CODES.apply(random), PASSWORDS.apply(random)));
    forAll(cases, input -> {
      String email = input.email();
      String code = input.code();
      String next = input.next();
      Map<String, Supplier<?>> parts = new LinkedHashMap<>();
      parts.put("email", () -> Email.of(email, "email"));
      parts.put("code", () -> VerificationCode.parse(code));
      parts.put("new_password", () -> Password.of(next, "new_password"));

      ResetPassword.Command command = commandOrEveryInvalid(parts,
          () -> new ResetPassword.Command(email, code, next));

      if (command != null) {
        assertThat(command.email()).isEqualTo(Email.of(email, "email"));
        assertThat(command.code()).isEqualTo(VerificationCode.parse(code));
        assertThat(command.newPassword().value()).isSameAs(next);
      }
    });
  }

  /**
   * Builds the command; if any of {@code parts} is invalid, the command must fail with exactly
   * those fields' errors, in order, else it must succeed.
   */
  private static <C> C commandOrEveryInvalid(Map<String, Supplier<?>> parts, Supplier<C> build) {
    List<String> invalid = new ArrayList<>();
    for (Map.Entry<String, Supplier<?>> part : parts.entrySet()) {
      if (isInvalid(part.getValue())) {
        invalid.add(part.getKey());
      }
    }
    if (invalid.isEmpty()) {
      return build.get();
    }
    Throwable thrown = catchThrowable(build::get);
    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    assertThat(((InvalidInputException) thrown).errors()).extracting(FieldError::field)
        .containsExactlyElementsOf(invalid);
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

  private record RegisterCase(String email, String password, String firstName,
      String lastName, String clientAddress) {}

  private record AuthenticateCase(String email, String password, String clientAddress) {}

  private record ChangeCase(String current, String next) {}

  private record ResetCase(String email, String code, String next) {}
}
