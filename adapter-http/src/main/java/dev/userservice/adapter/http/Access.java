package dev.userservice.adapter.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, as far as the HTTP layer checks before the use case runs. Finer rules
 * (owner or administrator, last administrator, ...) are the use cases' own.
 */
enum Access implements RouteRole {
  /** No credentials needed; an {@code Authorization} header is ignored. */
  ANYONE,
  /** A valid bearer access token of a live session. */
  AUTHENTICATED,
  /** A valid bearer access token of an administrator. */
  ADMIN
}
