/**
 * The domain of user management, free of any framework: the immutable {@code User} and its
 * value objects (each checks its invariants when built), the sealed family of domain exceptions
 * every adapter maps once, the events ({@code domain.event}) and the outgoing ports
 * ({@code domain.port}) with their contracts. Depends on the JDK only; its test jar holds the
 * port contract tests every adapter runs.
 */
package dev.userservice.domain;
