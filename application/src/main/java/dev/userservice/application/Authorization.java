package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.UserId;

/** The authorization rules, decided here so embedders and the HTTP API share them. */
final class Authorization {

  private Authorization() {}

  static void requireAdmin(Actor actor) {
    if (!actor.isAdmin()) {
      throw new ForbiddenException("only an administrator may do this");
    }
  }

  static void requireSelfOrAdmin(Actor actor, UserId target) {
    if (!actor.is(target) && !actor.isAdmin()) {
      throw new ForbiddenException("only the account's owner or an administrator may do this");
    }
  }
}
