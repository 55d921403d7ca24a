package dev.userservice.application;

import static dev.userservice.application.ServiceFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The OAuth use cases over the in-memory adapters: who may manage clients, how secrets are kept,
 * client authentication and its throttle, and introspection seeing every way a session ends.
 */
class OAuthTest {

  private static final RequestContext FROM = RequestContext.from("192.0.2.10");

  private final ServiceFixture fixture = new ServiceFixture();
  private final UserService service = fixture.service;

  @Test
  void onlyAnAdministrator_managesClients() {
    Actor ada = fixture.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> register(ada, "a")).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.listClients().list(new ActorRequest(ada, null)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.deleteClient().delete(
        new DeleteClient.Command(ada, "anything", null))).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void theSecret_isStoredOnlyAsItsKeyedHash_andTheChangeIsAnEvent() {
    Actor admin = fixture.admin();
    fixture.newEvents();

    RegisterClient.Registered registered = register(admin, "reports:read");

    String stored = fixture.clients.find(registered.client().id()).orElseThrow().secretHash();
    assertThat(stored).isNotEqualTo(registered.secret()).doesNotContain(registered.secret())
        .isEqualTo(fixture.codeHasher.hash("client-secret|" + registered.secret()));
    assertThat(registered.toString()).doesNotContain(registered.secret());
    assertThat(fixture.newEvents()).containsExactly(EventType.CLIENT_CREATED);
    assertThat(fixture.last(UserEvent.ClientCreated.class).meta().actor().id())
        .isEqualTo(admin.id());
  }

  @Test
  void theFirstPartyScope_andMalformedNames_areRefused() {
    Actor admin = fixture.admin();

    assertThatThrownBy(() -> register(admin, "user-service"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> service.registerClient().register(
        new RegisterClient.Command(admin, "bad\nname", "a", null)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void wrongSecrets_countLikeFailedLogins_butTheRightSecretIsNeverRefused() {
    RegisterClient.Registered client = register(fixture.admin(), "a");
    String id = client.client().id().value();
    int free = fixture.policy.throttling().loginFailuresPerAccount();
    for (int i = 0; i < free; i++) {
      assertThatThrownBy(() -> issue(id, "wrong"))
          .isInstanceOf(OAuthException.class)
          .extracting(e -> ((OAuthException) e).code())
          .isEqualTo(OAuthException.Code.INVALID_CLIENT);
    }

    assertThatThrownBy(() -> issue(id, "wrong")).isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> issue("unknown-client", "wrong"))
        .isInstanceOf(OAuthException.class);
    assertThat(issue(id, client.secret()).accessToken()).isNotBlank();
  }

  @Test
  void aFloodOfFailures_fromOneAddress_isThrottledWhateverClientItNames() {
    int perAddress = fixture.policy.throttling().requestsPerAddressPerMinute();
    for (int i = 0; i < perAddress; i++) {
      assertThatThrownBy(() -> issue("client-" + UUID.randomUUID(), "wrong"))
          .isInstanceOf(OAuthException.class);
    }

    assertThatThrownBy(() -> issue("yet-another", "wrong"))
        .isInstanceOf(ThrottledException.class);
  }

  @Test
  void introspection_seesEveryWayASessionEnds() {
    Actor admin = fixture.admin();
    RegisterClient.Registered caller = register(admin, "a");

    assertEndsIntrospection(caller, "logout", (email, tokens) -> service.logOut().logOut(
        new PresentedRefreshToken(tokens.refreshToken(), null)));
    assertEndsIntrospection(caller, "logout-all", (email, tokens) -> service.logOutEverywhere()
        .logOutEverywhere(new ActorRequest(fixture.actor(tokens), null)));
    assertEndsIntrospection(caller, "password change", (email, tokens) -> {
      AuthTokens other = fixture.loggedIn(email);
      service.changePassword().change(new ChangePassword.Command(fixture.actor(other), PASSWORD,
          "another long passphrase"));
    });
    assertEndsIntrospection(caller, "password reset", (email, tokens) -> {
      service.requestPasswordReset().request(
          new RequestPasswordReset.Command(new Email(email), null));
      service.resetPassword().reset(new ResetPassword.Command(email,
          fixture.latestCode(email).digits(), "another long passphrase"));
    });
    assertEndsIntrospection(caller, "role change", (email, tokens) -> service.editUser().edit(
        new EditUser.Command(admin, fixture.actor(tokens).id(), null, null, null, null,
            Role.ADMIN, null)));
    assertEndsIntrospection(caller, "deletion", (email, tokens) -> service.deleteUser().delete(
        new DeleteUser.Command(admin, fixture.actor(tokens).id(), null)));
  }

  private int users;

  private void assertEndsIntrospection(RegisterClient.Registered caller, String how,
      BiConsumer<String, AuthTokens> end) {
    String email = "user" + ++users + "@example.com";
    fixture.verifiedUser(email);
    AuthTokens tokens = fixture.loggedIn(email);
    assertThat(introspect(caller, tokens.accessToken())).as(how).isTrue();

    end.accept(email, tokens);

    assertThat(introspect(caller, tokens.accessToken())).as("after " + how).isFalse();
  }

  private boolean introspect(RegisterClient.Registered caller, String token) {
    return service.introspectToken().introspect(new IntrospectToken.Command(
        new ClientCredentials(caller.client().id().value(), caller.secret()), token, FROM))
        .isPresent();
  }

  private IssueClientToken.ClientToken issue(String id, String secret) {
    return service.issueClientToken().issue(
        new IssueClientToken.Command(new ClientCredentials(id, secret), null, FROM));
  }

  private RegisterClient.Registered register(Actor admin, String scope) {
    return service.registerClient().register(
        new RegisterClient.Command(admin, "test client", scope, null));
  }
}
