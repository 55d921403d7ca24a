package dev.userservice.spring;

import dev.userservice.application.AuthenticateAccessToken;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Spring Security for the host's own endpoints: an {@link OpaqueTokenIntrospector} that accepts
 * our access tokens ({@link AccessTokenIntrospector}), and a 503 when the check cannot reach
 * Redis ({@link UnavailableResponses}). With no security filter chain of the
 * host's, Spring Boot's default one then authenticates every request with it; a host's own chain
 * turns it on with {@code oauth2ResourceServer(o -> o.opaqueToken(Customizer.withDefaults()))}.
 */
@AutoConfiguration(after = UserServiceAutoConfiguration.class,
    beforeName = "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet"
        + ".OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(OpaqueTokenIntrospector.class)
public class UserServiceSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(OpaqueTokenIntrospector.class)
  AccessTokenIntrospector userServiceAccessTokenIntrospector(
      AuthenticateAccessToken authenticateAccessToken) {
    return new AccessTokenIntrospector(authenticateAccessToken);
  }

  /** Before Spring Security's filters (at {@code DEFAULT_FILTER_ORDER}), to see their errors. */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  FilterRegistrationBean<UnavailableResponses> userServiceUnavailableResponses() {
    FilterRegistrationBean<UnavailableResponses> registration =
        new FilterRegistrationBean<>(new UnavailableResponses());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }
}
