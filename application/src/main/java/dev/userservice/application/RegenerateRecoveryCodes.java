package dev.userservice.application;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Replaces one's own recovery codes with new ones. */
@Singleton
public final class RegenerateRecoveryCodes {

  private final UserRepository users;
  private final UserWrites writes;
  private final SecondFactors secondFactors;
  private final Clock clock;

  @Inject
  RegenerateRecoveryCodes(UserRepository users, UserWrites writes, SecondFactors secondFactors,
      Clock clock) {
    this.users = users;
    this.writes = writes;
    this.secondFactors = secondFactors;
    this.clock = clock;
  }

  /**
   * Voids every recovery code of the caller and returns new ones, shown only now. Needs a session
   * that passed the second factor. Emits {@code recovery_codes_regenerated}.
   *
   * @throws dev.userservice.domain.ForbiddenException a step-up refusal
   * @throws ConflictException when the account has no confirmed one-time password
   */
  public List<String> regenerate(ActorRequest command) {
    User user = users.findById(command.actor().id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (!user.hasSecondFactor()) {
      throw new ConflictException("recovery codes come with a confirmed one-time password");
    }
    SecondFactors.requireStepUp(command.actor(), user);
    SecondFactors.RecoveryCodes recovery = secondFactors.newRecoveryCodes(user.id());
    Instant now = clock.now();
    writes.update(user, user.withTotp(user.totp().orElseThrow()
        .withRecoveryCodes(recovery.hashes()), now), List.of(new UserEvent
        .RecoveryCodesRegenerated(UserEvent.Meta.by(now, command.actor(), user.id(),
            command.request()))));
    return recovery.codes();
  }
}
