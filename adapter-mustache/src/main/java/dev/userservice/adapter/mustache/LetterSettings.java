package dev.userservice.adapter.mustache;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link MustacheLetterRenderer} puts into letters besides their values.
 *
 * @param appName the product's name, in greetings and signatures ({@code APP_NAME})
 * @param supportEmail where letters tell users to write; {@code null} for none, then they say
 *     "an administrator" ({@code SUPPORT_EMAIL})
 * @param logoUrl an absolute http(s) URL of the logo the HTML letters show; {@code null} for none
 *     ({@code MAIL_LOGO_URL})
 * @param verifyUrlTemplate an absolute http(s) URL with {@code {code}} (and optionally
 *     {@code {email}}) that verification letters link to; {@code null} for a code only
 *     ({@code VERIFY_URL_TEMPLATE})
 * @param resetUrlTemplate the same for password-reset letters ({@code RESET_URL_TEMPLATE})
 * @param templatesDir a directory whose templates replace the built-in ones of the same name;
 *     {@code null} for the built-in ones only ({@code MAIL_TEMPLATES_DIR})
 * @param inviteUrlTemplate the same for invitation letters ({@code INVITE_URL_TEMPLATE})
 */
public record LetterSettings(String appName, String supportEmail, String logoUrl,
    String verifyUrlTemplate, String resetUrlTemplate, Path templatesDir,
    String inviteUrlTemplate) {

  public static final String DEFAULT_APP_NAME = "User Service";

  /**
   * @throws IllegalArgumentException naming the setting when a URL or URL template is not an
   *     absolute http(s) URL, or a URL template has no {@code {code}}
   */
  public LetterSettings {
    appName = appName == null || appName.isBlank() ? DEFAULT_APP_NAME : appName.strip();
    supportEmail = blankToNull(supportEmail);
    logoUrl = blankToNull(logoUrl);
    if (logoUrl != null) {
      requireHttpUrl(logoUrl, "MAIL_LOGO_URL");
    }
    verifyUrlTemplate = urlTemplate(verifyUrlTemplate, "VERIFY_URL_TEMPLATE");
    resetUrlTemplate = urlTemplate(resetUrlTemplate, "RESET_URL_TEMPLATE");
    inviteUrlTemplate = urlTemplate(inviteUrlTemplate, "INVITE_URL_TEMPLATE");
  }

  /** Settings whose invitation letters carry the code only. */
  public LetterSettings(String appName, String supportEmail, String logoUrl,
      String verifyUrlTemplate, String resetUrlTemplate, Path templatesDir) {
    this(appName, supportEmail, logoUrl, verifyUrlTemplate, resetUrlTemplate, templatesDir, null);
  }

  /** The built-in templates, without links, logo or support address. */
  public static LetterSettings defaults() {
    return new LetterSettings(DEFAULT_APP_NAME, null, null, null, null, null);
  }

  private static String urlTemplate(String template, String setting) {
    template = blankToNull(template);
    if (template == null) {
      return null;
    }
    if (!template.contains(LinkTemplate.CODE)) {
      throw new IllegalArgumentException(setting + " must contain " + LinkTemplate.CODE
          + ", where the code goes, was '" + template + "'");
    }
    requireHttpUrl(new LinkTemplate(template).fill("000000", "user@example.com"), setting);
    return template;
  }

  private static void requireHttpUrl(String url, String setting) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        throw new URISyntaxException(url, "not an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(setting + " must be an absolute http(s) URL like"
          + " https://app.example.com/…, was '" + url + "'", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
