package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.port.TokenStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Ends every session of the calling user. */
@Singleton
public final class LogOutEverywhere {

  private final TokenStore tokenStore;

  @Inject
  public LogOutEverywhere(TokenStore tokenStore) {
    this.tokenStore = tokenStore;
  }

  /** Revokes all sessions of {@code actor}, this one included. */
  public void logOutEverywhere(Actor actor) {
    tokenStore.revokeAllSessions(actor.id());
  }
}
