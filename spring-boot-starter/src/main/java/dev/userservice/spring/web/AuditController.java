package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.AuditMessages;
import dev.userservice.application.ListAuditEvents;
import dev.userservice.application.ListOwnEvents;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * adapter-http's {@code AuditRoutes}: the audit trail, {@code GET /audit-events} for
 * administrators and {@code GET /users/me/events} for one's own account. Same paths, statuses
 * and bodies (openapi.json).
 */
@RestController
final class AuditController {

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;

  AuditController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @GetMapping("/audit-events")
  ResponseEntity<byte[]> list(HttpServletRequest request) {
    Actor actor = caller.admin(request);
    ListAuditEvents.Query query = AuditMessages.listQuery(actor, UserController.query(request));
    return json.respond(HttpStatus.OK,
        AuditMessages.page(useCases.listAuditEvents().list(query)));
  }

  @GetMapping("/users/me/events")
  ResponseEntity<byte[]> listOwn(HttpServletRequest request) {
    Actor actor = caller.actor(request);
    ListOwnEvents.Query query = AuditMessages.ownQuery(actor, UserController.query(request));
    return json.respond(HttpStatus.OK,
        AuditMessages.ownPage(useCases.listOwnEvents().list(query)));
  }
}
