package dev.userservice.domain.port;

import dev.userservice.domain.Password;

/**
 * Passwords too common to be allowed: those found in breaches and on lists of the most used ones,
 * which an attacker tries first. Read-only and thread-safe; loaded once, so a look-up does no I/O.
 */
public interface PasswordBlocklist {

  /**
   * Whether {@code password} is on the list. Letter case is ignored ({@code PassWord1} counts as
   * {@code password1}): changing case is the first variation a guesser tries. Never throws for any
   * password.
   */
  boolean contains(Password password);
}
