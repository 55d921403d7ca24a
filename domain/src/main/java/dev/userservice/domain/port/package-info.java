/**
 * The outgoing ports, one interface per role ({@code UserRepository}, {@code SessionStore},
 * {@code Mailer}, {@code Clock}, {@code JobLock}, …), each with its contract in Javadoc and a
 * contract test in the domain's test jar that the in-memory and the real adapter both run.
 */
package dev.userservice.domain.port;
