package dev.userservice.spring;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Role;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The caller of a host endpoint, as our access token and its live session say: the
 * {@link Actor} to pass to the use cases, {@code sub} (the user id), {@code sid} (the session)
 * and {@code roles} as attributes, and {@code ROLE_user} (plus {@code ROLE_admin} for an
 * administrator) as authorities, for {@code hasRole("admin")}.
 */
public final class ActorPrincipal implements OAuth2AuthenticatedPrincipal {

  private final Actor actor;
  private final Map<String, Object> attributes;
  private final List<GrantedAuthority> authorities;

  ActorPrincipal(Actor actor) {
    this.actor = actor;
    List<String> roles = actor.role() == Role.ADMIN ? List.of("admin", "user") : List.of("user");
    this.attributes = Map.of("sub", actor.id().toString(), "sid", actor.session().value(),
        "roles", roles);
    this.authorities = roles.stream()
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
  }

  /** Who is calling, for the use cases ({@code GetOwnProfile}, {@code ListUsers}, …). */
  public Actor actor() {
    return actor;
  }

  @Override
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return authorities;
  }

  /** The user id, as {@code sub} in the token. */
  @Override
  public String getName() {
    return actor.id().toString();
  }
}
