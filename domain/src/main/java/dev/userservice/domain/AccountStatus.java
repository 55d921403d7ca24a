package dev.userservice.domain;

import java.util.Locale;

/**
 * Whether an account may be used. A disabled (suspended) account keeps its data but cannot log
 * in, refresh or reset its way back in, and holds no session; only an administrator changes it.
 */
public enum AccountStatus {
  ACTIVE,
  DISABLED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case name the API and the database use: {@code active}, {@code disabled}. */
  public String wireName() {
    return wireName;
  }

  /** Parses {@code active} or {@code disabled} (ASCII, any case); anything else is invalid. */
  public static AccountStatus parse(String text, String field) {
    if (text != null && text.strip().chars().allMatch(c -> c < 0x80)) {
      for (AccountStatus status : values()) {
        if (status.wireName.equals(text.strip().toLowerCase(Locale.ROOT))) {
          return status;
        }
      }
    }
    throw InvalidInputException.of(field, "must be one of active, disabled");
  }
}
