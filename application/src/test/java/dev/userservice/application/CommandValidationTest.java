package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Commands built from raw values report every invalid field at once, in field order. */
class CommandValidationTest {

  private static final String TOO_LONG_NAME = "n".repeat(51);
  private static final String TOO_LONG_PASSWORD = "p".repeat(129);
  private static final Actor ADA = new Actor(new UserId(new UUID(1, 1)), Role.USER,
      new SessionId("AAAAAAAAAAAAAAAAAAAAAA"));

  @Test
  void registration_fromSeveralBadStrings_reportsEveryField() {
    InvalidInputException refused = catchThrowableOfType(() -> new RegisterUser.Command(
        "not an email", "", TOO_LONG_NAME, TOO_LONG_NAME, null), InvalidInputException.class);

    assertThat(refused.errors()).extracting(FieldError::field)
        .containsExactly("email", "password", "first_name", "last_name");
    assertThat(refused.errors()).extracting(FieldError::message).containsExactly(
        "is not a valid email address", "is required", "must be at most 50 characters",
        "must be at most 50 characters");
  }

  @Test
  void login_withNeitherField_reportsBoth() {
    InvalidInputException refused = catchThrowableOfType(
        () -> new AuthenticateUser.Command((String) null, null, null), InvalidInputException.class);

    assertThat(refused.errors()).extracting(FieldError::field)
        .containsExactly("email", "password");
  }

  @Test
  void passwordChange_andReset_reportEveryField() {
    InvalidInputException change = catchThrowableOfType(() -> new ChangePassword.Command(ADA, "",
        TOO_LONG_PASSWORD, null), InvalidInputException.class);
    InvalidInputException reset = catchThrowableOfType(() -> new ResetPassword.Command("x", "12",
        ""), InvalidInputException.class);

    assertThat(change.errors()).extracting(FieldError::field)
        .containsExactly("current_password", "new_password");
    assertThat(reset.errors()).extracting(FieldError::field)
        .containsExactly("email", "code", "new_password");
  }

  @Test
  void edit_fromSeveralBadStrings_reportsEveryField_andAbsentFieldsStayAbsent() {
    InvalidInputException refused = catchThrowableOfType(() -> EditUser.Command.parse(ADA,
        ADA.id(), FieldUpdate.to(TOO_LONG_NAME), FieldUpdate.to(TOO_LONG_NAME), "@", "",
        "SUPERUSER", "en_US", null, null, null, null), InvalidInputException.class);
    EditUser.Command clearing = EditUser.Command.parse(ADA, ADA.id(), FieldUpdate.to(""), null,
        null, null, null, null, null, null, 3L, null);

    assertThat(refused.errors()).extracting(FieldError::field).containsExactly(
        "first_name", "last_name", "email", "current_password", "role", "locale");
    assertThat(clearing.firstName()).isEqualTo(FieldUpdate.to(null));
    assertThat(clearing.lastName()).isNull();
    assertThat(clearing.email()).isNull();
    assertThat(clearing.role()).isNull();
    assertThat(clearing.locale()).isNull();
    assertThat(clearing.expectedVersion()).isEqualTo(3L);
  }
}
