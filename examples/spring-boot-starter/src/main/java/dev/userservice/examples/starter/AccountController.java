package dev.userservice.examples.starter;

import dev.userservice.application.GetOwnProfile;
import dev.userservice.spring.ActorPrincipal;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's own endpoint, behind our token: who is calling (a use case the starter made a bean),
 * next to a read of the shop's own tables over the same data source.
 */
@RestController
class AccountController {

  private final GetOwnProfile getOwnProfile;
  private final JdbcClient jdbc;

  AccountController(GetOwnProfile getOwnProfile, JdbcClient jdbc) {
    this.getOwnProfile = getOwnProfile;
    this.jdbc = jdbc;
  }

  @GetMapping("/api/account")
  Map<String, Object> account(@AuthenticationPrincipal ActorPrincipal caller) {
    var profile = getOwnProfile.get(caller.actor());
    long shopUsers = jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    return Map.of("user_id", caller.getName(), "email", profile.email().value(),
        "roles", caller.getAttribute("roles"), "shop_users", shopUsers);
  }
}
