package dev.userservice.domain.event;

import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import java.util.Locale;
import java.util.Objects;

/**
 * Who caused an event: the subject themselves, an administrator acting on another account, the
 * system (a job, the start-up), an anonymous caller who proved nothing (a failed login), or a
 * registered OAuth client that authenticated (its id is in the event's details).
 *
 * @param id the acting user; {@code null} for the system, anonymous callers and clients
 */
public record Initiator(Kind kind, UserId id) {

  /** The kinds of initiator; the lower-case name is what the audit trail stores. */
  public enum Kind {
    SELF, ADMIN, SYSTEM, ANONYMOUS, CLIENT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Initiator SYSTEM = new Initiator(Kind.SYSTEM, null);
  private static final Initiator ANONYMOUS = new Initiator(Kind.ANONYMOUS, null);
  private static final Initiator CLIENT = new Initiator(Kind.CLIENT, null);

  public Initiator {
    Objects.requireNonNull(kind, "kind");
    if ((id == null) != (kind == Kind.SYSTEM || kind == Kind.ANONYMOUS
        || kind == Kind.CLIENT)) {
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

  /** A registered OAuth client, which the event names in its details. */
  public static Initiator client() {
    return CLIENT;
  }

  /** {@code actor} acting on {@code subject}: themselves, or as an administrator on another. */
  public static Initiator of(Actor actor, UserId subject) {
    return new Initiator(actor.is(subject) ? Kind.SELF : Kind.ADMIN, actor.id());
  }
}
