package dev.userservice.domain.port;

import dev.userservice.domain.ClientId;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.event.UserEvent;
import java.util.List;
import java.util.Optional;

/**
 * The registered OAuth clients (service accounts). A change is stored together with the event
 * that records it, in the audit trail of the same store, so the trail holds every change. Every
 * method may throw {@link UnavailableException} when the store cannot be reached.
 */
public interface OAuthClients {

  /**
   * Stores a new client and {@code created}, atomically.
   *
   * @throws ConflictException when a client with its id exists (then nothing is stored)
   */
  void add(OAuthClient client, UserEvent created);

  /** The client with {@code id}, if registered. */
  Optional<OAuthClient> find(ClientId id);

  /** Every registered client, newest first (ties by id). */
  List<OAuthClient> list();

  /**
   * Removes the client with {@code id} and stores {@code deleted}, atomically; an unknown id
   * changes nothing and stores no event.
   *
   * @return whether a client was removed
   */
  boolean remove(ClientId id, UserEvent deleted);
}
