package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import org.junit.jupiter.api.Test;

/** Each user's letters are in the language chosen at registration or later, by the real templates. */
class LetterLanguageTest {

  private final ServiceFixture fixture = new ServiceFixture();

  private User register(String email, String locale, String acceptLanguage) {
    return fixture.register.register(new RegisterUser.Command(email, ServiceFixture.PASSWORD,
        "Ада", null, locale, acceptLanguage, null));
  }

  @Test
  void aRegistrationsLocale_isStored_andItsVerificationLetterIsInThatLanguage() {
    User user = register("ada@example.com", "ru", "en");

    assertThat(user.locale()).isEqualTo(new LanguageTag("ru"));
    assertThat(fixture.users.findById(user.id()).orElseThrow().locale()).isEqualTo(user.locale());
    var letter = fixture.latestMail("ada@example.com");
    assertThat(letter.subject()).isEqualTo("User Service: подтвердите адрес электронной почты");
    assertThat(letter.text()).startsWith("Здравствуйте, Ада!").contains("Код действует 10 минут,");
  }

  @Test
  void withoutALocale_acceptLanguageDecides_byQuality_elseEnglish() {
    assertThat(register("a@example.com", null, "de-CH, ru-RU;q=0.8, en;q=0.5").locale())
        .isEqualTo(new LanguageTag("ru"));
    assertThat(register("b@example.com", null, "ru;q=0.2, en-GB;q=0.9").locale())
        .isEqualTo(LanguageTag.ENGLISH);
    assertThat(register("c@example.com", null, "fr").locale()).isEqualTo(LanguageTag.ENGLISH);
    assertThat(register("d@example.com", null, "!!garbage;;").locale())
        .isEqualTo(LanguageTag.ENGLISH);
    assertThat(register("e@example.com", null, null).locale()).isEqualTo(LanguageTag.ENGLISH);
  }

  @Test
  void aLocaleIsStoredAsTheLanguageLettersAreWrittenIn_andOthersAreRefused() {
    assertThat(register("a@example.com", "EN-gb", null).locale()).isEqualTo(LanguageTag.ENGLISH);

    InvalidInputException unsupported = catchThrowableOfType(InvalidInputException.class,
        () -> register("b@example.com", "de", null));
    InvalidInputException malformed = catchThrowableOfType(InvalidInputException.class,
        () -> register("c@example.com", "en_US", null));

    assertThat(unsupported.errors()).extracting(FieldError::field).containsExactly("locale");
    assertThat(unsupported.errors().get(0).message()).contains("en, ru");
    assertThat(malformed.errors()).extracting(FieldError::field).containsExactly("locale");
    assertThat(fixture.users.findByEmail(new Email("b@example.com")))
        .isEmpty();
  }

  @Test
  void aChangedLocale_isRecorded_andTheNextLetterIsInIt() {
    Actor ada = fixture.verifiedUser("ada@example.com");

    User edited = fixture.edit.edit(EditUser.Command.parse(ada, ada.id(), null, null, null, null,
        null, "ru-RU", null, null, null, null));

    assertThat(edited.locale()).isEqualTo(new LanguageTag("ru"));
    assertThat(fixture.last(UserEvent.ProfileUpdated.class).fields()).containsExactly("locale");
    fixture.changePassword.change(new ChangePassword.Command(fixture.actor(fixture.loggedInAda()),
        ServiceFixture.PASSWORD, "совсем новый пароль"));
    assertThat(fixture.latestMail("ada@example.com").subject())
        .isEqualTo("User Service: пароль изменён");

    int eventsBefore = fixture.events.size();
    User before = fixture.users.findById(ada.id()).orElseThrow();
    assertThat(fixture.edit.edit(EditUser.Command.parse(ada, ada.id(), null, null, null, null,
        null, "ru", null, null, null, null))).as("the same language changes nothing").isEqualTo(before);
    assertThat(fixture.events).hasSize(eventsBefore);
  }

  @Test
  void anAdministratorsDeletion_tellsAVerifiedAccount_inItsLanguage_andNeverAnUnverifiedOne() {
    Actor admin = fixture.admin();
    Actor ada = fixture.verifiedUser("ada@example.com");
    fixture.edit.edit(EditUser.Command.parse(ada, ada.id(), null, null, null, null, null, "ru",
        null, null, null, null));
    User bob = fixture.registered("bob@example.com");
    fixture.deliver.deliverDue();
    int lettersToBob = fixture.mailer.sentTo(bob.email()).size();

    fixture.delete.delete(new DeleteUser.Command(admin, ada.id(), null));
    fixture.delete.delete(new DeleteUser.Command(admin, bob.id(), null));

    var goodbye = fixture.latestMail("ada@example.com");
    assertThat(goodbye.subject()).isEqualTo("User Service: учётная запись удалена");
    assertThat(goodbye.text()).contains("удалены").contains("UTC");
    fixture.deliver.deliverDue();
    assertThat(fixture.mailer.sentTo(bob.email())).hasSize(lettersToBob);
  }
}
