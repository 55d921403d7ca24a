package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.event.EventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks of an endpoint's fields as an administrator gives them. */
final class WebhookInput {

  static final int MAX_URL = 2_000;
  static final int MAX_DESCRIPTION = 500;

  private WebhookInput() {}

  /**
   * An absolute {@code http} or {@code https} URL with a host and no user info or fragment.
   * Which schemes and addresses may be reached is the sender's to say ({@code refusal}).
   */
  static URI url(String raw) {
    if (raw == null || raw.isBlank()) {
      throw InvalidInputException.of("url", "is required");
    }
    if (raw.length() > MAX_URL) {
      throw InvalidInputException.of("url", "must be at most " + MAX_URL + " characters");
    }
    URI url;
    try {
      url = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw InvalidInputException.of("url", "must be a URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw InvalidInputException.of("url", "must be an https:// URL");
    }
    if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
      throw InvalidInputException.of("url", "must have a host and no user info or fragment");
    }
    return url;
  }

  /** Event types by wire name; {@code null} or empty: every type. */
  static Set<EventType> types(List<String> raw) {
    if (raw == null || raw.isEmpty()) {
      return Set.of();
    }
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String name : raw) {
      EventType type = name == null ? null : EventType.ofWireName(name);
      if (type == null) {
        throw InvalidInputException.of("event_types", "must be event types, e.g. registered");
      }
      types.add(type);
    }
    return types;
  }

  static String description(String raw) {
    String description = raw == null ? "" : raw.strip();
    if (description.length() > MAX_DESCRIPTION) {
      throw InvalidInputException.of("description",
          "must be at most " + MAX_DESCRIPTION + " characters");
    }
    return description;
  }
}
