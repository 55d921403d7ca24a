package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.AccountMessages.DeletionBody;
import dev.userservice.adapter.http.json.AccountMessages.ExportJson;
import dev.userservice.adapter.http.json.AccountMessages.SessionListJson;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.DeleteOwnAccount;
import dev.userservice.application.EndSession;
import dev.userservice.application.ExportOwnData;
import dev.userservice.application.ListSessions;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.SessionInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * adapter-http's {@code AccountRoutes}: the sessions ({@code /users/me/sessions},
 * {@code /users/{id}/sessions}), self-service deletion ({@code DELETE /users/me}) and the data
 * export ({@code GET /users/me/export}). Same paths, statuses and bodies (openapi.json).
 */
@RestController
final class AccountController {

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;

  AccountController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @GetMapping("/users/me/sessions")
  ResponseEntity<byte[]> listOwnSessions(HttpServletRequest request) {
    Actor actor = caller.actor(request);
    return listSessions(actor, actor.id());
  }

  @GetMapping("/users/{id}/sessions")
  ResponseEntity<byte[]> listSessions(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    return listSessions(actor, UserId.parse(id, "id"));
  }

  @DeleteMapping("/users/me/sessions/{sid}")
  ResponseEntity<Void> endOwnSession(HttpServletRequest request,
      @PathVariable("sid") String sid) {
    Actor actor = caller.actor(request);
    return endSession(request, actor, actor.id(), sid);
  }

  @DeleteMapping("/users/{id}/sessions/{sid}")
  ResponseEntity<Void> endSession(HttpServletRequest request, @PathVariable("id") String id,
      @PathVariable("sid") String sid) {
    Actor actor = caller.admin(request);
    return endSession(request, actor, UserId.parse(id, "id"), sid);
  }

  @DeleteMapping("/users/me")
  ResponseEntity<Void> deleteOwn(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    DeletionBody body = json.read(request.getContentType(), raw, DeletionBody.class);
    useCases.deleteOwnAccount().delete(new DeleteOwnAccount.Command(actor,
        body.currentPassword(), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/users/me/export")
  ResponseEntity<byte[]> export(HttpServletRequest request) {
    Actor actor = caller.actor(request);
    ExportOwnData.Export export = useCases.exportOwnData().export(
        new ActorRequest(actor, Caller.context(request)));
    return ResponseEntity.ok()
        .header("Content-Disposition", "attachment; filename=\"user-data.json\"")
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(ExportJson.from(export, actor)));
  }

  private ResponseEntity<byte[]> listSessions(Actor actor, UserId target) {
    List<SessionInfo> live = useCases.listSessions().list(new ListSessions.Query(actor, target));
    return json.respond(HttpStatus.OK, SessionListJson.from(live, actor));
  }

  private ResponseEntity<Void> endSession(HttpServletRequest request, Actor actor,
      UserId target, String sid) {
    useCases.endSession().end(new EndSession.Command(actor, target, sid,
        Caller.context(request)));
    return ResponseEntity.noContent().build();
  }
}
