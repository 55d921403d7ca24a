package dev.userservice.application;

import dev.userservice.domain.ClientId;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Authenticates a registered OAuth client by its secret, for the token, introspection and
 * revocation endpoints; and hashes new secrets.
 *
 * <p>Secrets are kept as a keyed hash ({@link KeyedHasher}, HMAC-SHA-256 under the server
 * secret), not an Argon2 password hash: a secret is 256 random bits, which no guessing finds, so a
 * slow hash would protect nothing more and would only spend its memory and time on every token
 * request (and give a flood of wrong secrets the hashing queue to fill). Keyed, a copy of the
 * table cannot even be checked against a guess without the server secret. So rotating
 * {@code SECRET_KEY_FILE} invalidates every client secret, as it voids pending codes.
 */
@Singleton
final class ClientAuthentication {

  private final OAuthClients clients;
  private final KeyedHasher hasher;
  private final LoginThrottle throttle;

  @Inject
  ClientAuthentication(OAuthClients clients, KeyedHasher hasher, LoginThrottle throttle) {
    this.clients = clients;
    this.hasher = hasher;
    this.throttle = throttle;
  }

  /**
   * The client {@code presented} names, if its secret is right; an unknown client costs the same
   * hash as a known one and fails alike. A failure counts like a failed login, per address and per
   * client id, and once they must wait the answer is a throttle. A right secret is never refused
   * by that count, and is checked before it rather than reserved against it as a password is:
   * no number of guesses comes near a 256-bit secret, and a resource server introspects many
   * tokens at once, which reservations in flight would count as failures.
   *
   * @throws OAuthException {@code invalid_client} when nothing was presented, the client is
   *     unknown or the secret wrong
   * @throws dev.userservice.domain.ThrottledException instead, when the address or the client
   *     has failed too often
   */
  OAuthClient authenticate(ClientCredentials presented, RequestContext request) {
    if (presented == null) {
      throw new OAuthException(OAuthException.Code.INVALID_CLIENT,
          "client authentication is required");
    }
    Optional<OAuthClient> found = ClientId.isWellFormed(presented.clientId())
        ? clients.find(new ClientId(presented.clientId())) : Optional.empty();
    byte[] hash = hash(presented.secret()).getBytes(StandardCharsets.US_ASCII);
    if (found.isPresent() && MessageDigest.isEqual(hash,
        found.get().secretHash().getBytes(StandardCharsets.US_ASCII))) {
      return found.get();
    }
    throttle.clientFailed(presented.clientId(),
        RequestContext.orNone(request).clientAddress());
    throw new OAuthException(OAuthException.Code.INVALID_CLIENT,
        "unknown client or wrong secret");
  }

  /** The stored form of {@code secret}. */
  String hash(String secret) {
    return hasher.hash("client-secret|" + secret);
  }
}
