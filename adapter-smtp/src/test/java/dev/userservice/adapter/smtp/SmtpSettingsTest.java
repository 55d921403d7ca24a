package dev.userservice.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.smtp.SmtpSettings.Security;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void security_parsesTheConfigurationWords() {
    assertThat(Security.parse("none")).isEqualTo(Security.NONE);
    assertThat(Security.parse(" STARTTLS ")).isEqualTo(Security.STARTTLS);
    assertThat(Security.parse("tls")).isEqualTo(Security.TLS);
    assertThat(Security.parse("")).isEqualTo(Security.NONE);
    assertThatThrownBy(() -> Security.parse("ssl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none, starttls or tls");
  }

  @Test
  void missingTimeouts_getDefaults() {
    SmtpSettings settings = SmtpSettings.plain("mail.example.com", 25, "no-reply@example.com");

    assertThat(settings.connectTimeout()).isEqualTo(SmtpSettings.DEFAULT_CONNECT_TIMEOUT);
    assertThat(settings.readTimeout()).isEqualTo(SmtpSettings.DEFAULT_READ_TIMEOUT);
    assertThat(settings.authenticates()).isFalse();
  }

  @Test
  void thePasswordNeverAppearsInToString() {
    SmtpSettings settings = new SmtpSettings("mail.example.com", 587, "app", "s3cret-pa55",
        Security.STARTTLS, "no-reply@example.com", null, null);

    assertThat(settings.toString()).doesNotContain("s3cret-pa55").contains("app", "***");
    assertThat(new SmtpMailer(settings).toString()).doesNotContain("s3cret-pa55");
  }

  @Test
  void aPasswordWithoutAUsername_isRejected() {
    assertThatThrownBy(() -> new SmtpSettings("mail.example.com", 25, null, "secret",
        Security.NONE, "no-reply@example.com", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBadPortOrSender_isRejected() {
    assertThatThrownBy(() -> SmtpSettings.plain("mail.example.com", 0, "no-reply@example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SmtpMailer(SmtpSettings.plain("mail.example.com", 25, "not an address")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
