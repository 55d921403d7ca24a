package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.QueryParameters;
import dev.userservice.adapter.http.json.UserJson;
import dev.userservice.adapter.http.json.UserMessages;
import dev.userservice.adapter.http.json.UserMessages.CountJson;
import dev.userservice.adapter.http.json.UserMessages.InvitationBody;
import dev.userservice.adapter.http.json.UserMessages.RegisterBody;
import dev.userservice.adapter.http.json.UserMessages.VerifyBody;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.CountUsers;
import dev.userservice.application.DeleteUser;
import dev.userservice.application.EditUser;
import dev.userservice.application.GetUser;
import dev.userservice.application.InviteUser;
import dev.userservice.application.ListUsers;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.ResendInvitation;
import dev.userservice.application.UserService;
import dev.userservice.application.VerifyEmail;
import dev.userservice.domain.Actor;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /users} routes of adapter-http's {@code UserRoutes} that the starter serves:
 * registration, the own profile, its edits and its verification, and the reads, edits, listing,
 * count and deletion of others' profiles. Same paths, statuses and bodies (openapi.json).
 */
@RestController
final class UserController {

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;

  UserController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @PostMapping("/users")
  ResponseEntity<byte[]> register(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    RegisterBody body = json.read(request.getContentType(), raw, RegisterBody.class);
    User user = useCases.registerUser().register(new RegisterUser.Command(body.email(),
        body.password(), body.firstName(), body.lastName(), body.locale(),
        request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION,
        "/users/" + user.id()).contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(UserJson.from(user)));
  }

  @GetMapping("/users/me")
  ResponseEntity<byte[]> getOwn(HttpServletRequest request) {
    return json.respond(HttpStatus.OK,
        UserJson.from(useCases.getOwnProfile().get(caller.actor(request))));
  }

  @PatchMapping("/users/me")
  ResponseEntity<byte[]> editOwn(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    return json.respond(HttpStatus.OK, UserJson.from(useCases.editUser().edit(
        editCommand(request, raw, actor, actor.id()))));
  }

  @PostMapping("/users/me/verification-code")
  ResponseEntity<Void> resendCode(HttpServletRequest request) {
    useCases.resendVerificationCode().resend(
        new ActorRequest(caller.actor(request), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }

  @PostMapping("/users/me/verification")
  ResponseEntity<byte[]> verify(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    VerifyBody body = json.read(request.getContentType(), raw, VerifyBody.class);
    return json.respond(HttpStatus.OK, UserJson.from(useCases.verifyEmail().verify(
        new VerifyEmail.Command(actor, body.code(), Caller.context(request)))));
  }

  @GetMapping("/users/{id}")
  ResponseEntity<byte[]> get(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.actor(request);
    return json.respond(HttpStatus.OK, UserJson.from(
        useCases.getUser().get(new GetUser.Query(actor, UserId.parse(id, "id")))));
  }

  @PatchMapping("/users/{id}")
  ResponseEntity<byte[]> edit(HttpServletRequest request, @PathVariable("id") String id,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    UserId target = UserId.parse(id, "id");
    return json.respond(HttpStatus.OK, UserJson.from(useCases.editUser().edit(
        editCommand(request, raw, actor, target))));
  }

  @PostMapping("/users/invitations")
  ResponseEntity<byte[]> invite(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.admin(request);
    InvitationBody body = json.read(request.getContentType(), raw, InvitationBody.class);
    User user = useCases.inviteUser().invite(new InviteUser.Command(actor, body.email(),
        body.role(), body.firstName(), body.lastName(), body.locale(), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION,
        "/users/" + user.id()).contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(UserJson.from(user)));
  }

  @PostMapping("/users/{id}/invitation")
  ResponseEntity<byte[]> resendInvitation(HttpServletRequest request,
      @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    return json.respond(HttpStatus.OK, UserJson.from(useCases.resendInvitation().resend(
        new ResendInvitation.Command(actor, UserId.parse(id, "id"), Caller.context(request)))));
  }

  @DeleteMapping("/users/{id}")
  ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    useCases.deleteUser().delete(
        new DeleteUser.Command(actor, UserId.parse(id, "id"), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/users")
  ResponseEntity<byte[]> list(HttpServletRequest request) {
    Actor actor = caller.admin(request);
    ListUsers.Query query = UserMessages.listQuery(actor, query(request));
    return json.respond(HttpStatus.OK, UserMessages.page(useCases.listUsers().list(query)));
  }

  @GetMapping("/users/count")
  ResponseEntity<byte[]> count(HttpServletRequest request) {
    Actor actor = caller.admin(request);
    CountUsers.Query query = UserMessages.countQuery(actor, query(request));
    return json.respond(HttpStatus.OK, new CountJson(useCases.countUsers().count(query)));
  }

  /** PATCH semantics ({@link UserMessages#editCommand}); every error is reported at once. */
  private EditUser.Command editCommand(HttpServletRequest request, byte[] raw, Actor actor,
      UserId target) {
    return UserMessages.editCommand(json.readObject(request.getContentType(), raw), actor, target,
        Caller.context(request));
  }

  /** The query's parameters, each name with its values, in the request's order. */
  static QueryParameters query(HttpServletRequest request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
    return new QueryParameters(parameters);
  }
}
