package dev.userservice.domain.port;

import dev.userservice.domain.User;
import java.util.List;
import java.util.Optional;

/** One page of users, newest first, and the cursor of the next page if there is one. */
public record UserPage(List<User> items, Optional<UserCursor> next) {

  public UserPage {
    items = List.copyOf(items);
  }
}
