package dev.userservice.application;

import java.time.Instant;

/** What a login or refresh hands back: a bearer access token and an opaque refresh token. */
public record AuthTokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken) {

  @Override
  public String toString() {
    return "AuthTokens[***]";
  }
}
