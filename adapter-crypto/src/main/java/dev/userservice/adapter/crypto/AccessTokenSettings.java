package dev.userservice.adapter.crypto;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What access tokens say about where they come from and for whom, how long they live, and which
 * top-level members of a user's {@code app_metadata} they carry as claims of the same name.
 */
public record AccessTokenSettings(String issuer, String audience, Duration ttl,
    List<String> appMetadataClaims) {

  /**
   * Names an {@code app_metadata} member may not take as a claim: those the tokens already carry,
   * and the ones that the JWT, OAuth and OpenID Connect specifications register with a meaning
   * (RFC 7519, RFC 8693, RFC 7800, RFC 9068, OpenID Connect Core), which a resource server may
   * act on.
   */
  static final Set<String> REGISTERED_CLAIMS = Set.of(
      "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "typ", "cty",
      "client_id", "scope", "sid", "role", "roles", "groups", "entitlements", "email_verified",
      "amr", "acr", "auth_time", "azp", "nonce", "at_hash", "c_hash", "act", "may_act", "cnf",
      "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
      "profile", "picture", "website", "email", "gender", "birthdate", "zoneinfo", "locale",
      "phone_number", "phone_number_verified", "address", "updated_at");

  public AccessTokenSettings {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("the token issuer must not be blank");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("the token audience must not be blank");
    }
    if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the token lifetime must be at least one second: " + ttl);
    }
    appMetadataClaims = appMetadataClaims == null ? List.of() : List.copyOf(appMetadataClaims);
    for (String name : appMetadataClaims) {
      if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("an app_metadata claim needs a name: '" + name + "'");
      }
      if (REGISTERED_CLAIMS.contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is a registered claim; an app_metadata"
            + " member may not take its name");
      }
    }
  }

  /** No {@code app_metadata} in the tokens. */
  public AccessTokenSettings(String issuer, String audience, Duration ttl) {
    this(issuer, audience, ttl, List.of());
  }

  /** Issuer and audience {@code user-service}, 15 minutes, no {@code app_metadata} claims. */
  public static AccessTokenSettings defaults() {
    return new AccessTokenSettings("user-service", "user-service", Duration.ofMinutes(15));
  }
}
