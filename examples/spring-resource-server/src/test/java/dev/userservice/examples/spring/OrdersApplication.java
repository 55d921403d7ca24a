package dev.userservice.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Another team's service that trusts the user service's access tokens: a Spring Boot resource
 * server configured by {@code application.properties} (the issuer URL and the role mapping) and
 * the beans below.
 */
@SpringBootApplication
public class OrdersApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }

  /** Any signed-in user may see orders; only an administrator sees the report. */
  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/admin/**").hasRole("admin")
            .anyRequest().hasRole("user"))
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
        .build();
  }

  /**
   * The tokens are RFC 9068 access tokens, {@code typ: at+jwt}. Spring Security 6 lets only
   * {@code typ: JWT} (or none) through unless its own check is turned off and a validator for the
   * right type takes its place (RFC 9068 §4: a resource server must check the type).
   */
  @Bean
  JwkSetUriJwtDecoderBuilderCustomizer typeCheckedByValidator() {
    return decoder -> decoder.validateType(false);
  }

  @Bean
  OAuth2TokenValidator<Jwt> accessTokenType() {
    return new JwtTypeValidator("at+jwt", "application/at+jwt");
  }
}
