package dev.userservice.adapter.http.json;

import dev.userservice.adapter.http.json.AuditMessages.OwnEventJson;
import dev.userservice.application.ExportOwnData;
import dev.userservice.domain.Actor;
import dev.userservice.domain.port.SessionInfo;
import java.time.Instant;
import java.util.List;

/**
 * The documents of what users control of their own account: the sessions, self-service deletion
 * and the data export.
 */
public final class AccountMessages {

  /**
   * A live session as its owner sees it; {@code current} marks the one the request came in.
   * Never a token.
   */
  public record SessionJson(String id, Instant createdAt, Instant lastRefreshedAt,
      Instant expiresAt, String clientAddress, String userAgent, boolean current) {

    public static SessionJson from(SessionInfo info, Actor actor) {
      return new SessionJson(info.session().value(), info.createdAt(), info.lastRefreshedAt(),
          info.expiresAt(), info.origin().clientAddress(), info.origin().userAgent(),
          info.session().equals(actor.session()));
    }
  }

  public record SessionListJson(List<SessionJson> items) {

    /** The sessions as {@code actor}, who made the request, sees them. */
    public static SessionListJson from(List<SessionInfo> sessions, Actor actor) {
      return new SessionListJson(sessions(sessions, actor));
    }
  }

  public record DeletionBody(String currentPassword) {}

  /** The export: the account, its sessions and its audit entries, never a hash or a token. */
  public record ExportJson(Instant exportedAt, UserJson user, List<SessionJson> sessions,
      List<OwnEventJson> events, boolean eventsTruncated) {

    /** The export of {@code actor}'s own data. */
    public static ExportJson from(ExportOwnData.Export export, Actor actor) {
      return new ExportJson(export.exportedAt(), UserJson.from(export.user()),
          AccountMessages.sessions(export.sessions(), actor),
          export.events().stream().map(OwnEventJson::from).toList(), export.eventsTruncated());
    }
  }

  private AccountMessages() {}

  private static List<SessionJson> sessions(List<SessionInfo> sessions, Actor actor) {
    return sessions.stream().map(info -> SessionJson.from(info, actor)).toList();
  }
}
