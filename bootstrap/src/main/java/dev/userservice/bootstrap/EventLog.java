package dev.userservice.bootstrap;

import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.EventListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one log line per event on the logger {@code dev.userservice.events}: the message names
 * the type and the account, and every field is also a key-value pair of the SLF4J event (not the
 * MDC), so a JSON encoder writes each as a field of its own: {@code event}, {@code user_id},
 * {@code actor}, {@code actor_id}, {@code session_id}, {@code client_address},
 * {@code user_agent}, {@code request_id}, and the event's details by their names. No event carries
 * a secret, so neither does the line.
 */
final class EventLog implements EventListener {

  private static final Logger log = LoggerFactory.getLogger("dev.userservice.events");

  @Override
  public void on(UserEvent event) {
    if (!log.isInfoEnabled()) {
      return;
    }
    UserEvent.Meta meta = event.meta();
    StringBuilder message = new StringBuilder(event.type().wireName());
    LoggingEventBuilder line = log.atInfo()
        .addKeyValue("event", event.type().wireName())
        .addKeyValue("actor", meta.actor().kind().wireName());
    line = field(line, message, "user_id", meta.subject());
    line = field(line, message, "actor_id", meta.actor().id());
    line = field(line, message, "session_id", meta.session());
    line = field(line, message, "client_address", meta.request().clientAddress());
    line = field(line, message, "request_id", meta.request().requestId());
    for (Map.Entry<String, String> detail : event.details().entrySet()) {
      line = field(line, message, detail.getKey(), detail.getValue());
    }
    // Last and quoted: the agent is the client's text, spaces and all.
    if (meta.request().userAgent() != null) {
      line = line.addKeyValue("user_agent", meta.request().userAgent());
      message.append(" user_agent=\"").append(meta.request().userAgent().replace("\"", "'"))
          .append('"');
    }
    line.log(message.toString());
  }

  /** Adds a present value as a key-value pair, and to the text line as {@code key=value}. */
  private static LoggingEventBuilder field(LoggingEventBuilder line, StringBuilder message,
      String key, Object value) {
    if (value == null) {
      return line;
    }
    message.append(' ').append(key).append('=').append(value);
    return line.addKeyValue(key, value.toString());
  }
}
