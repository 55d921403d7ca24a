package dev.userservice.domain;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A set of OAuth scope tokens (RFC 6749 §3.3): each one or more printable ASCII characters
 * other than space, {@code "} and {@code \}. Kept sorted, so its {@link #text()} is stable. A
 * client's scopes are whatever the services that accept its tokens define; the only one refused is
 * {@value #FIRST_PARTY}, the scope of a user's session in this service, which no client may have.
 */
public record Scopes(Set<String> values) {

  /** The scope of a user's session: this service's API, as far as the user's roles allow. */
  public static final String FIRST_PARTY = "user-service";
  /** The most scopes one client may hold. */
  public static final int MAX = 50;
  private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

  public Scopes {
    Objects.requireNonNull(values, "values");
    values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
    if (values.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " scopes");
    }
    for (String value : values) {
      if (!TOKEN.matcher(value).matches()) {
        throw new IllegalArgumentException("not a scope token: " + value);
      }
    }
  }

  /**
   * The scopes of a client, as an administrator lists them.
   *
   * @throws IllegalArgumentException for a malformed or repeated scope, too many, or
   *     {@value #FIRST_PARTY}
   */
  public static Scopes ofClient(Collection<String> scopes) {
    Set<String> distinct = new TreeSet<>();
    for (String scope : scopes) {
      if (scope == null) {
        throw new IllegalArgumentException("a scope is null");
      }
      if (scope.equals(FIRST_PARTY)) {
        throw new IllegalArgumentException(FIRST_PARTY + " is the scope of users' sessions");
      }
      if (!distinct.add(scope)) {
        throw new IllegalArgumentException("a scope is listed twice");
      }
    }
    return new Scopes(distinct);
  }

  /**
   * The scopes of a {@code scope} parameter or claim (space-delimited, RFC 6749 §3.3);
   * {@code null} or empty is no scope at all.
   *
   * @throws IllegalArgumentException when a token is malformed (two spaces in a row included)
   */
  public static Scopes parse(String text) {
    if (text == null || text.isEmpty()) {
      return new Scopes(Set.of());
    }
    return new Scopes(Set.copyOf(List.of(text.split(" ", -1))));
  }

  /** Space-delimited, sorted: the form of the {@code scope} claim and parameter. */
  public String text() {
    return String.join(" ", values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String toString() {
    return text();
  }
}
