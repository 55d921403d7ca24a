package dev.userservice.domain.port;

/** A mail claimed from the outbox for delivery, and how many tries it has had before. */
public record QueuedMail(long id, Mail mail, int attempts) {}
