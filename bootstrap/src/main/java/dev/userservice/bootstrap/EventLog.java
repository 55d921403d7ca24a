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
 * MDC), so a JSON encoder writes each as a field of its own, named as in the access log where the
 * access log has the fact: {@code event.type}, {@code event.actor}, {@code user.id},
 * {@code actor.id}, {@code session.id}, {@code client.ip}, {@code request.id},
 * {@code user_agent.original}, and the event's details as {@code event.<name>}. No event carries a
 * secret, so neither does the line.
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
        .addKeyValue("event.type", event.type().wireName())
        .addKeyValue("event.actor", meta.actor().kind().wireName());
    line = field(line, message, "user.id", meta.subject());
    line = field(line, message, "actor.id", meta.actor().id());
    line = field(line, message, "session.id", meta.session());
    line = field(line, message, "client.ip", meta.request().clientAddress());
    line = field(line, message, "request.id", meta.request().requestId());
    for (Map.Entry<String, String> detail : event.details().entrySet()) {
      line = field(line, message, "event." + detail.getKey(), detail.getValue());
    }
    // Last and quoted: the agent is the client's text, spaces and all.
    if (meta.request().userAgent() != null) {
      line = line.addKeyValue("user_agent.original", meta.request().userAgent());
      message.append(" user_agent.original=\"").append(meta.request().userAgent().replace("\"", "'"))
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
