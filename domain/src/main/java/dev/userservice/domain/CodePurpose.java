package dev.userservice.domain;

/** What a one-time code proves. Each purpose has its own code, attempts and resend limits. */
public enum CodePurpose {
  EMAIL_VERIFICATION,
  PASSWORD_RESET
}
