package dev.userservice.fakemail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fake mail client: read the {@link Mailbox} over HTTP as JSON, or in a browser at
 * {@code /fake-mail}. Adds its routes to any Javalin configuration, so it runs on the main
 * service's port in-process or on its own in {@link FakeMailMain}.
 *
 * <ul>
 *   <li>{@code GET /fake-mail} — the inbox page ({@code ?address=} opens that mailbox)
 *   <li>{@code GET /fake-mail/api/addresses} — the addresses with letters, most recent first
 *   <li>{@code GET /fake-mail/{address}/messages} — its letters, newest first
 *   <li>{@code GET /fake-mail/{address}/messages/latest} — the newest one, or a 404 problem
 * </ul>
 *
 * <p>JSON is written with its own mapper, so the host's JSON settings do not change it.
 */
public final class FakeMailWeb {

  /** The path prefix of every route. */
  public static final String ROOT = "/fake-mail";

  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";

  private final Mailbox mailbox;
  private final ObjectMapper json = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private final String page = loadPage();

  public FakeMailWeb(Mailbox mailbox) {
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
  }

  /**
   * Adds the fake mail routes to {@code config}; call inside {@code Javalin.create(config -> …)}.
   */
  public void addRoutes(JavalinConfig config) {
    config.routes.get(ROOT, this::page);
    config.routes.get(ROOT + "/api/addresses", this::addresses);
    config.routes.get(ROOT + "/{address}/messages", this::messages);
    config.routes.get(ROOT + "/{address}/messages/latest", this::latest);
  }

  private void page(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private void addresses(Context ctx) {
    writeJson(ctx, HttpStatus.OK, JSON, mailbox.addresses());
  }

  private void messages(Context ctx) {
    writeJson(ctx, HttpStatus.OK, JSON, mailbox.messages(ctx.pathParam("address")));
  }

  private void latest(Context ctx) {
    String address = ctx.pathParam("address");
    Optional<ReceivedMail> latest = mailbox.latest(address);
    if (latest.isPresent()) {
      writeJson(ctx, HttpStatus.OK, JSON, latest.get());
      return;
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Not Found");
    problem.put("status", HttpStatus.NOT_FOUND.getCode());
    problem.put("detail", "No letters for " + Mailbox.normalize(address));
    writeJson(ctx, HttpStatus.NOT_FOUND, PROBLEM_JSON, problem);
  }

  private void writeJson(Context ctx, HttpStatus status, String contentType, Object body) {
    try {
      ctx.status(status)
          .header("Cache-Control", "no-store")
          .contentType(contentType + "; charset=utf-8")
          .result(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write fake mail JSON", e);
    }
  }

  private static String loadPage() {
    try (InputStream in = FakeMailWeb.class.getResourceAsStream("inbox.html")) {
      if (in == null) {
        throw new IllegalStateException("inbox.html is missing from the fake-mail jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
