package dev.userservice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.userservice.adapter.inmemory.InMemoryMailer;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.DeliverMail;
import dev.userservice.application.GetOwnProfile;
import dev.userservice.application.LogOut;
import dev.userservice.application.PresentedRefreshToken;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.UserService;
import dev.userservice.application.VerifyEmail;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Mailer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Register, verify and log in without any HTTP: by hand, and through Guice. */
class EmbeddingTest {

  @Test
  void handWired_registerVerifyAndLogIn() {
    HandWiredUserService wired = new HandWiredUserService();
    UserService service = wired.service;

    User user = service.registerUser().register(
        new RegisterUser.Command("ada@example.com", "correct horse battery", "Ada", null, null));
    AuthTokens tokens = service.authenticateUser().authenticate(
        new AuthenticateUser.Command("ada@example.com", "correct horse battery", null));
    Actor actor = service.authenticateAccessToken().authenticate(tokens.accessToken());
    service.deliverMail().deliverDue();
    User verified = service.verifyEmail().verify(
        new VerifyEmail.Command(actor, codeIn(wired.mailer, "ada@example.com"), null));

    assertThat(actor.id()).isEqualTo(user.id());
    assertThat(verified.isEmailVerified()).isTrue();
  }

  @Test
  void guiceWired_registerVerifyAndLogIn() {
    Injector injector = Guice.createInjector(new InMemoryUserServiceModule());
    RegisterUser register = injector.getInstance(RegisterUser.class);
    AuthenticateUser login = injector.getInstance(AuthenticateUser.class);
    AuthenticateAccessToken authenticate = injector.getInstance(AuthenticateAccessToken.class);
    VerifyEmail verify = injector.getInstance(VerifyEmail.class);
    GetOwnProfile me = injector.getInstance(GetOwnProfile.class);
    DeliverMail deliverMail = injector.getInstance(DeliverMail.class);
    InMemoryMailer mailer = (InMemoryMailer) injector.getInstance(Mailer.class);

    User user = register.register(
        new RegisterUser.Command("bob@example.com", "correct horse battery", null, null, null));
    String accessToken = login.authenticate(
        new AuthenticateUser.Command("bob@example.com", "correct horse battery", null)).accessToken();
    Actor actor = authenticate.authenticate(accessToken);
    assertThat(me.get(actor).isEmailVerified()).isFalse();
    deliverMail.deliverDue();
    User verified = verify.verify(
        new VerifyEmail.Command(actor, codeIn(mailer, "bob@example.com"), null));

    assertThat(actor.id()).isEqualTo(user.id());
    assertThat(verified.isEmailVerified()).isTrue();
    assertThat(me.get(authenticate.authenticate(accessToken)).isEmailVerified()).isTrue();
    assertThat(injector.getInstance(RegisterUser.class)).isSameAs(register);
  }

  @Test
  void anEmbeddingApplication_registersItsListener_inTheFactory_andHearsEveryEvent() {
    List<UserEvent> heard = new CopyOnWriteArrayList<>();
    HandWiredUserService wired = new HandWiredUserService(heard::add);
    UserService service = wired.service;

    User user = service.registerUser().register(
        new RegisterUser.Command("eve@example.com", "correct horse battery", null, null, null));
    assertThatThrownBy(() -> service.authenticateUser().authenticate(
        new AuthenticateUser.Command("eve@example.com", "not her password", null)));
    AuthTokens tokens = service.authenticateUser().authenticate(
        new AuthenticateUser.Command("eve@example.com", "correct horse battery", null));
    service.logOut().logOut(new PresentedRefreshToken(tokens.refreshToken(), null));

    assertThat(heard).extracting(UserEvent::type).containsExactly(EventType.REGISTERED,
        EventType.VERIFICATION_CODE_SENT, EventType.LOGIN_FAILED, EventType.LOGIN_SUCCEEDED,
        EventType.LOGGED_OUT);
    assertThat(heard).allSatisfy(event -> assertThat(event.meta().subject()).isEqualTo(user.id()));
    UserEvent.LoginFailed failed = (UserEvent.LoginFailed) heard.get(2);
    assertThat(failed.reason()).isEqualTo(UserEvent.LoginFailed.Reason.WRONG_PASSWORD);
  }

  private static VerificationCode codeIn(InMemoryMailer mailer, String address) {
    String text = mailer.latestTo(new Email(address)).orElseThrow().text();
    Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
    assertThat(code.find()).isTrue();
    return new VerificationCode(code.group(1));
  }
}
