package dev.userservice.domain.port;

import java.time.Instant;

/** The only source of the current time for the domain and the use cases. */
public interface Clock {

  Instant now();
}
