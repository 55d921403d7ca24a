package dev.userservice.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.application.ActorRequest;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.BackgroundJobs;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.UserService;
import dev.userservice.domain.User;
import io.lettuce.core.RedisClient;
import jakarta.mail.Session;
import java.lang.reflect.RecordComponent;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a host without its routes (the default), on the host's own {@link RedisClient}
 * and mail {@link Session} beans: every use case is a bean, the very one inside the
 * {@link UserService}; the jobs are a bean and send the letters; no controller is registered;
 * and the introspector the host's Spring Security uses accepts our tokens until their session
 * ends.
 */
@SpringBootTest(classes = HeadlessAutoConfigurationTest.Host.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "user-service.redis.key-prefix=headless:")
class HeadlessAutoConfigurationTest {

  /**
   * A host that made its own Lettuce client and mail session rather than Spring Boot's
   * connection factory and mail sender (both left out), so the starter must use these.
   */
  @SpringBootConfiguration
  @EnableAutoConfiguration(exclude = {RedisAutoConfiguration.class,
      MailSenderAutoConfiguration.class})
  static class Host {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${spring.data.redis.url}") String url) {
      return RedisClient.create(url);
    }

    @Bean
    Session mailSession(@Value("${spring.mail.host}") String host,
        @Value("${spring.mail.port}") String port) {
      Properties properties = new Properties();
      properties.setProperty("mail.smtp.host", host);
      properties.setProperty("mail.smtp.port", port);
      properties.setProperty("mail.smtp.connectiontimeout", "5000");
      properties.setProperty("mail.smtp.timeout", "10000");
      return Session.getInstance(properties);
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry);
  }

  @Autowired
  ApplicationContext context;

  @Autowired
  UserService service;

  @Autowired
  RegisterUser registerUser;

  @Autowired
  OpaqueTokenIntrospector introspector;

  @Test
  void everyUseCase_isABean_theOneInsideTheUserService() throws Exception {
    for (RecordComponent component : UserService.class.getRecordComponents()) {
      assertThat(context.getBean(component.getName()))
          .as(component.getName()).isSameAs(component.getAccessor().invoke(service));
      assertThat(context.getBean(component.getType()))
          .isSameAs(component.getAccessor().invoke(service));
    }
    assertThat(context.getBeanNamesForType(BackgroundJobs.class)).hasSize(1);
  }

  @Test
  void withoutWebEnabled_noRoutesAreRegistered() {
    assertThat(context.containsBean("userServiceUserController")).isFalse();
    assertThat(context.containsBean("userServiceSecurityController")).isFalse();
  }

  @Test
  void theIntrospector_acceptsOurToken_untilItsSessionEnds() {
    User user = registerUser.register(new RegisterUser.Command("lin@example.com",
        "a long and unusual passphrase", null, null, null));
    assertThat(TestInfrastructure.awaitCode("lin@example.com", 1))
        .as("the letter went through the host's mail session").matches("\\d{6}");
    AuthTokens tokens = service.authenticateUser().authenticate(new AuthenticateUser.Command(
        "lin@example.com", "a long and unusual passphrase", null));

    ActorPrincipal principal = (ActorPrincipal) introspector.introspect(tokens.accessToken());
    assertThat(principal.getName()).isEqualTo(user.id().toString());
    assertThat(principal.actor().id()).isEqualTo(user.id());
    assertThat(principal.getAuthorities()).extracting(Object::toString)
        .containsExactly("ROLE_user");
    assertThat((Object) principal.getAttribute("sub")).isEqualTo(user.id().toString());

    service.logOutEverywhere().logOutEverywhere(new ActorRequest(principal.actor(), null));
    assertThatThrownBy(() -> introspector.introspect(tokens.accessToken()))
        .isInstanceOf(BadOpaqueTokenException.class);
    assertThatThrownBy(() -> introspector.introspect("not.a.token"))
        .isInstanceOf(BadOpaqueTokenException.class);
  }
}
