package dev.userservice.adapter.inmemory;

import dev.userservice.domain.Password;
import dev.userservice.domain.port.PasswordBlocklist;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link PasswordBlocklist} over the passwords it is given, for tests and embedding; the service
 * uses the bundled list of the crypto adapter.
 */
@Singleton
public final class InMemoryPasswordBlocklist implements PasswordBlocklist {

  private final Set<String> passwords;

  public InMemoryPasswordBlocklist(Collection<String> passwords) {
    this.passwords = passwords.stream().map(InMemoryPasswordBlocklist::folded)
        .collect(Collectors.toUnmodifiableSet());
  }

  public static InMemoryPasswordBlocklist of(String... passwords) {
    return new InMemoryPasswordBlocklist(Set.of(passwords));
  }

  @Override
  public boolean contains(Password password) {
    return passwords.contains(folded(password.value()));
  }

  private static String folded(String password) {
    return password.toLowerCase(Locale.ROOT);
  }
}
