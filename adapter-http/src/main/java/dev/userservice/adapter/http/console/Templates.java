package dev.userservice.adapter.http.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's pages, Mustache templates (the letters' engine) read from the classpath and
 * compiled once, when the console is built, so a broken template stops the start. Values are
 * HTML-escaped; the templates hold no script and no style, which the console's
 * Content-Security-Policy would refuse.
 */
final class Templates {

  private static final String ROOT = "dev/userservice/adapter/http/console/templates";
  private static final List<String> PAGES = List.of("sign-in", "users", "user", "delete-user",
      "events", "clients", "webhooks", "message");

  private final Map<String, Mustache> pages = new HashMap<>();

  Templates() {
    DefaultMustacheFactory factory = new DefaultMustacheFactory(ROOT);
    for (String page : PAGES) {
      pages.put(page, factory.compile(page + ".mustache"));
    }
  }

  /** Answers with page {@code name} filled from {@code model}, with {@code status}. */
  void render(Context ctx, int status, String name, Map<String, Object> model) {
    Mustache page = pages.get(name);
    if (page == null) {
      throw new IllegalArgumentException("no console page " + name);
    }
    StringWriter html = new StringWriter();
    page.execute(html, model);
    ctx.status(status).contentType("text/html; charset=utf-8").result(html.toString());
  }
}
