package dev.userservice.domain;

import java.util.Locale;

/** What a user may do: every user manages their own account; an admin manages everyone's. */
public enum Role {
  USER,
  ADMIN;

  /** Parses {@code USER} or {@code ADMIN} in any case; anything else is invalid input. */
  public static Role parse(String text, String field) {
    // ASCII only: Unicode case mapping turns lookalikes (U+017F in "USER") into a role name.
    if (text != null && text.strip().chars().allMatch(c -> c < 0x80)) {
      for (Role role : values()) {
        if (role.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw InvalidInputException.of(field, "must be one of USER, ADMIN");
  }
}
