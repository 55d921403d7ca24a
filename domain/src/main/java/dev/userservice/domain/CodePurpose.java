package dev.userservice.domain;

/** What a one-time code proves. Each purpose has its own code, attempts and resend limits. */
public enum CodePurpose {
  EMAIL_VERIFICATION,
  PASSWORD_RESET,
  /** The second step of a login: the one-time password asked after the right password. */
  MFA_CHALLENGE,
  /** An administrator's invitation: the code lets the invited owner of the address in. */
  INVITATION
}
