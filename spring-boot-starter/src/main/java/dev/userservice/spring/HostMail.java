package dev.userservice.spring;

import dev.userservice.adapter.smtp.SmtpMailer;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.ClassUtils;

/**
 * Our mailer on the host's mail settings: a {@link Session} bean (Spring Boot makes one from
 * {@code spring.mail.jndi-name}), else the {@link JavaMailSenderImpl} Spring Boot makes from
 * {@code spring.mail.*}. That sender keeps host, port and login outside its session (it passes
 * them when it connects), so they are put into a session of our own, with its properties
 * ({@code spring.mail.properties.*}: timeouts, STARTTLS).
 */
final class HostMail {

  private static final boolean SPRING_MAIL = ClassUtils.isPresent(
      "org.springframework.mail.javamail.JavaMailSenderImpl", HostMail.class.getClassLoader());

  private HostMail() {}

  static SmtpMailer mailer(BeanFactory beans, String from, String fromName) {
    Session session = beans.getBeanProvider(Session.class).getIfUnique();
    if (session == null && SPRING_MAIL) {
      session = SpringMail.session(beans);
    }
    if (session == null) {
      throw new IllegalStateException("user-service needs the application's mail settings:"
          + " spring.mail.host (with spring-boot-starter-mail), or a jakarta.mail.Session bean");
    }
    return SmtpMailer.using(session, from, fromName);
  }

  /** Loaded only when Spring's mail support is on the class path. */
  private static final class SpringMail {

    static Session session(BeanFactory beans) {
      JavaMailSenderImpl sender = beans.getBeanProvider(JavaMailSenderImpl.class).getIfUnique();
      if (sender == null || sender.getHost() == null) {
        return null;
      }
      String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
      Properties properties = new Properties();
      properties.putAll(sender.getJavaMailProperties());
      properties.setProperty("mail.transport.protocol", protocol);
      properties.setProperty("mail." + protocol + ".host", sender.getHost());
      if (sender.getPort() > 0) {
        properties.setProperty("mail." + protocol + ".port", Integer.toString(sender.getPort()));
      }
      String username = sender.getUsername();
      if (username == null || username.isEmpty()) {
        return Session.getInstance(properties);
      }
      properties.setProperty("mail." + protocol + ".user", username);
      properties.setProperty("mail." + protocol + ".auth", "true");
      String password = sender.getPassword() == null ? "" : sender.getPassword();
      return Session.getInstance(properties, new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return new PasswordAuthentication(username, password);
        }
      });
    }
  }
}
