/**
 * Embedding the use cases in another JVM application: by hand over the application's own
 * PostgreSQL pool, Lettuce client and mail session ({@code HandWiredUserService}), and with
 * Guice over the in-memory adapters ({@code InMemoryUserServiceModule}).
 */
package dev.userservice.examples;
