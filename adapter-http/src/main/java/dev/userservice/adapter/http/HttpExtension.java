package dev.userservice.adapter.http;

import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a module outside this adapter adds to the API (the dev jar's fake mail client): its
 * routes, and which of its paths are HTML pages. The adapter knows no path of theirs; a page
 * gets the Content-Security-Policy that lets a browser run its own scripts and styles, every
 * other path one that loads nothing.
 *
 * @param configuration applied to the API's configuration after its own routes and filters
 * @param pagePrefixes paths that serve pages: each one and every path below it ({@code /x} covers
 *     {@code /x} and {@code /x/...}, not {@code /xy})
 */
public record HttpExtension(Consumer<JavalinConfig> configuration, List<String> pagePrefixes) {

  public HttpExtension {
    Objects.requireNonNull(configuration, "configuration");
    pagePrefixes = List.copyOf(pagePrefixes);
    for (String prefix : pagePrefixes) {
      if (!prefix.startsWith("/") || prefix.endsWith("/")) {
        throw new IllegalArgumentException(
            "a page prefix starts with / and does not end with one: " + prefix);
      }
    }
  }
}
