package dev.userservice.examples.spring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Another team's service that trusts the user service's access tokens: a Spring Boot resource
 * server configured by {@code application.properties} (the issuer URL and the role mapping) and
 * the beans below; or, in the {@value #INTROSPECTION} profile, by
 * {@code application-introspection.properties} (the introspection endpoint and the client this
 * service was registered as).
 */
@SpringBootApplication
public class OrdersApplication {

  /** The profile that introspects every token instead of verifying it as a JWT. */
  static final String INTROSPECTION = "introspection";

  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }

  /**
   * Any signed-in user may see orders; only an administrator sees the report. The token is a JWT
   * verified here against the service's keys ({@code application.properties}).
   */
  @Bean
  @Profile("!" + INTROSPECTION)
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return authorized(http)
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
        .build();
  }

  /**
   * The same rules, with every token sent to the service's introspection endpoint instead
   * ({@code application-introspection.properties}), so a token of an ended session is refused at
   * once rather than at its {@code exp}. The answer's {@code roles} become the authorities, as
   * the JWT's do above (Spring maps only {@code scope} by itself).
   */
  @Bean
  @Profile(INTROSPECTION)
  SecurityFilterChain introspecting(HttpSecurity http) throws Exception {
    return authorized(http)
        .oauth2ResourceServer(server -> server.opaqueToken(token -> token
            .authenticationConverter(OrdersApplication::withRoles)))
        .build();
  }

  private static HttpSecurity authorized(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests
        .requestMatchers("/admin/**").hasRole("admin")
        .anyRequest().hasRole("user"));
  }

  /** An introspected token, its {@code roles} ({@code ["admin","user"]}) as ROLE_ authorities. */
  static Authentication withRoles(String token, OAuth2AuthenticatedPrincipal introspected) {
    List<String> roles = introspected.getAttribute("roles");
    List<GrantedAuthority> authorities = new ArrayList<>(introspected.getAuthorities());
    if (roles != null) {
      roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
    }
    Instant issuedAt = introspected.getAttribute(OAuth2TokenIntrospectionClaimNames.IAT);
    Instant expiresAt = introspected.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP);
    return new BearerTokenAuthentication(introspected, new OAuth2AccessToken(
        OAuth2AccessToken.TokenType.BEARER, token, issuedAt, expiresAt), authorities);
  }

  /**
   * The tokens are RFC 9068 access tokens, {@code typ: at+jwt}. Spring Security 6 lets only
   * {@code typ: JWT} (or none) through unless its own check is turned off and a validator for the
   * right type takes its place (RFC 9068 §4: a resource server must check the type).
   *
   * <p>The service signs RS256 or ES256, as its key's type decides, and may move from one to the
   * other. Left alone, the decoder admits the algorithms of the keys the JWKS held when it was
   * built, on the first request, and keeps them until a restart (the
   * {@code spring.security.oauth2.resourceserver.jwt.jws-algorithms} property applies to a
   * {@code jwk-set-uri} only, not to an {@code issuer-uri}): so both are named here, and each is
   * still checked against the key its {@code kid} names.
   */
  @Bean
  JwkSetUriJwtDecoderBuilderCustomizer serviceTokenDecoder() {
    return decoder -> decoder.validateType(false).jwsAlgorithms(algorithms -> {
      algorithms.add(SignatureAlgorithm.RS256);
      algorithms.add(SignatureAlgorithm.ES256);
    });
  }

  @Bean
  OAuth2TokenValidator<Jwt> accessTokenType() {
    return new JwtTypeValidator("at+jwt", "application/at+jwt");
  }
}
