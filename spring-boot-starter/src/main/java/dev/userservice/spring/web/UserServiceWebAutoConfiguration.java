package dev.userservice.spring.web;

import dev.userservice.application.UserService;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.spring.UserServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The HTTP API's routes ({@code /users}, {@code /security}, {@code /audit-events},
 * {@code /oauth2}, {@code /webhooks}, the JWKS and metadata) as Spring MVC controllers, when
 * {@code user-service.web.enabled=true}; without it the host gets the use cases only.
 *
 * <p>The routes check their bearer tokens themselves and answer as adapter-http does (problem
 * documents, RFC 6750 challenges), so with Spring Security present they are left out of the
 * host's filter chains: a chain's own bearer filter or login redirect would answer first, in
 * another shape. The host's own endpoints stay under its chains.
 */
@AutoConfiguration(after = UserServiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "user-service.web", name = "enabled", havingValue = "true")
public class UserServiceWebAutoConfiguration {

  /** Our routes, as servlet URL patterns ({@code /*}: everything below). */
  private static final String[] ROUTES = {"/users", "/users/*", "/security/*", "/audit-events",
      "/oauth2/*", "/webhooks", "/webhooks/*", WellKnownController.JWKS_PATH,
      WellKnownController.METADATA_PATH, WellKnownController.OPENID_PATH};

  @Bean
  ApiJson userServiceApiJson() {
    return new ApiJson();
  }

  @Bean
  Caller userServiceCaller(UserService service) {
    return new Caller(service.authenticateAccessToken());
  }

  @Bean
  UserController userServiceUserController(UserService service, Caller caller, ApiJson json) {
    return new UserController(service, caller, json);
  }

  @Bean
  SecurityController userServiceSecurityController(UserService service, Caller caller,
      ApiJson json, Clock clock) {
    return new SecurityController(service, caller, json, clock);
  }

  @Bean
  AccountController userServiceAccountController(UserService service, Caller caller,
      ApiJson json) {
    return new AccountController(service, caller, json);
  }

  @Bean
  AuditController userServiceAuditController(UserService service, Caller caller, ApiJson json) {
    return new AuditController(service, caller, json);
  }

  @Bean
  MfaController userServiceMfaController(UserService service, Caller caller, ApiJson json) {
    return new MfaController(service, caller, json);
  }

  @Bean
  OAuthController userServiceOAuthController(UserService service, Caller caller, ApiJson json,
      Clock clock) {
    return new OAuthController(service, caller, json, clock);
  }

  @Bean
  WebhookController userServiceWebhookController(UserService service, Caller caller,
      ApiJson json) {
    return new WebhookController(service, caller, json);
  }

  @Bean
  WellKnownController userServiceWellKnownController(AccessTokens accessTokens, ApiJson json) {
    return new WellKnownController(accessTokens, json);
  }

  @Bean
  ProblemResponses userServiceProblemResponses(ApiJson json) {
    return new ProblemResponses(json);
  }

  @Bean
  FilterRegistrationBean<ApiHeaders> userServiceApiHeaders() {
    FilterRegistrationBean<ApiHeaders> registration = new FilterRegistrationBean<>(new ApiHeaders());
    registration.addUrlPatterns(ROUTES);
    return registration;
  }

  /** Our routes bypass the host's security filter chains (see the class comment). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(WebSecurityCustomizer.class)
  static class OutsideHostSecurity {

    @Bean
    WebSecurityCustomizer userServiceRoutesOutsideHostSecurity() {
      return web -> web.ignoring().requestMatchers("/users", "/users/**", "/security/**",
          "/audit-events", "/oauth2/**", "/webhooks", "/webhooks/**",
          WellKnownController.JWKS_PATH, WellKnownController.METADATA_PATH,
          WellKnownController.OPENID_PATH);
    }
  }
}
