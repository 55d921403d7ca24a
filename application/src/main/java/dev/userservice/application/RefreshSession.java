package dev.userservice.application;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.Rotation;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Exchanges a refresh token for a new pair, rotating it. */
@Singleton
public final class RefreshSession {


  private final UserRepository users;
  private final SessionStore sessions;
  private final AccessTokens accessTokens;
  private final RandomSource random;
  private final Clock clock;
  private final SecurityPolicy policy;
  private final Events events;

  @Inject
  RefreshSession(UserRepository users, SessionStore sessions, AccessTokens accessTokens,
      RandomSource random, Clock clock, SecurityPolicy policy, Events events) {
    this.events = events;
    this.users = users;
    this.sessions = sessions;
    this.accessTokens = accessTokens;
    this.random = random;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Rotates the refresh token: the presented token stops working and a new access and refresh
   * token are returned. Racing refreshes of one token within the grace window all receive the
   * same new pair; presenting an already-rotated token that the session really issued later
   * revokes the whole session. A session past its maximum lifetime is refused and removed.
   *
   * <p>A rotation emits no event and writes nothing to the audit trail: refresh is the hot path
   * of every live client, and the session's start and end are recorded. Reuse, which ends the
   * session, emits {@code refresh_reuse_detected}.
   *
   * @throws UnauthenticatedException when the token is malformed, unknown, expired, revoked,
   *     its account is disabled, reused (then the session is revoked too) or its session reached its maximum lifetime;
   *     always with the same message, so a caller learns nothing about which
   */
  public AuthTokens refresh(PresentedRefreshToken command) {
    RefreshToken presented = RefreshToken.parse(command.refreshToken());
    User user = users.findById(presented.user()).orElseThrow(RefreshToken::invalid);
    if (!user.isActive()) {
      // Disabling ended every session; one started by a login that raced it ends here.
      sessions.revokeSession(user.id(), presented.session());
      throw RefreshToken.invalid();
    }
    // A session started with the second factor is the common case for an account that has one;
    // a guess that misses (a session from before enrolment, or after removal) costs one more
    // signature and round trip, and the store never lets a successor claim what the login did
    // not prove.
    AuthMethods methods = user.hasSecondFactor() ? AuthMethods.PASSWORD_AND_OTP
        : AuthMethods.PASSWORD;
    Instant now = clock.now();
    Attempt attempt = rotate(presented, user, methods, now);
    if (attempt.rotation() instanceof Rotation.MethodsDiffer differ) {
      attempt = rotate(presented, user, differ.methods(), now);
    }
    Rotation rotation = attempt.rotation();
    if (rotation instanceof Rotation.Rotated) {
      return attempt.fresh();
    }
    if (rotation instanceof Rotation.Replayed replayed) {
      String[] pair = presented.unseal(replayed.sealedSuccessor()).split("\n", 3);
      return new AuthTokens(pair[1], Instant.parse(pair[2]), pair[0]);
    }
    if (rotation instanceof Rotation.ReuseDetected) {
      events.publish(new UserEvent.RefreshReuseDetected(new UserEvent.Meta(now, user.id(),
          Initiator.anonymous(), presented.session(), command.request())));
    }
    // Reuse (the session is ended now) answers like every other failure: telling it apart would
    // tell a holder of a leaked token what the rightful client did.
    throw RefreshToken.invalid();
  }

  /** A successor offered to the store, and what the store made of it. */
  private record Attempt(AuthTokens fresh, Rotation rotation) {}

  private Attempt rotate(RefreshToken presented, User user, AuthMethods methods, Instant now) {
    RefreshToken next = presented.successor(random);
    AccessTokens.Issued access = accessTokens.issue(Sessions.claims(user, next, methods), now);
    AuthTokens fresh = new AuthTokens(access.token(), access.expiresAt(), next.format());
    byte[] sealed = presented.seal(
        fresh.refreshToken() + '\n' + fresh.accessToken() + '\n' + access.expiresAt(), random);
    return new Attempt(fresh, sessions.rotate(user.id(), presented.session(),
        presented.generation(), presented.hash(), next.hash(), sealed, now,
        policy.sessions().refreshReuseGrace(), policy.sessions().limits(), methods));
  }
}
