package dev.userservice.domain.event;

import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import java.util.Locale;
import java.util.Objects;

/**
 * Who caused an event: the subject themselves, an administrator acting on another account, the
 * system (a job, the start-up), or an anonymous caller who proved nothing (a failed login).
 *
 * @param id the acting user; {@code null} for the system and anonymous callers
 */
public record Initiator(Kind kind, UserId id) {

  /** The kinds of initiator; the lower-case name is what the audit trail stores. */
  public enum Kind {
    SELF, ADMIN, SYSTEM, ANONYMOUS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Initiator SYSTEM = new Initiator(Kind.SYSTEM, null);
  private static final Initiator ANONYMOUS = new Initiator(Kind.ANONYMOUS, null);

  public Initiator {
    Objects.requireNonNull(kind, "kind");
    if ((id == null) != (kind == Kind.SYSTEM || kind == Kind.ANONYMOUS)) {
      throw new IllegalArgumentException("a " + kind + " initiator " + (id == null
          ? "needs" : "has no") + " user id");
    }
  }

  public static Initiator self(UserId id) {
    return new Initiator(Kind.SELF, id);
  }

  public static Initiator system() {
    return SYSTEM;
  }

  public static Initiator anonymous() {
    return ANONYMOUS;
  }

  /** {@code actor} acting on {@code subject}: themselves, or as an administrator on another. */
  public static Initiator of(Actor actor, UserId subject) {
    return new Initiator(actor.is(subject) ? Kind.SELF : Kind.ADMIN, actor.id());
  }
}
