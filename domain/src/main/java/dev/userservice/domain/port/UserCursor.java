package dev.userservice.domain.port;

import dev.userservice.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/** Where a page of users ends: the sort key (created_at, id) of its last item. */
public record UserCursor(Instant createdAt, UserId id) {

  public UserCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }
}
