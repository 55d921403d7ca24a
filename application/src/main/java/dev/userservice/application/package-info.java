/**
 * The use cases, one final class each with one public method, and the authorization rules they
 * apply. {@code UserService.create} wires every use case over a {@code Ports} record of
 * adapters (or any {@code jakarta.inject} container builds the same graph);
 * {@code BackgroundJobs} runs the mail delivery, purge and prunes an embedding application
 * needs. Depends on the domain and {@code jakarta.inject} only.
 */
package dev.userservice.application;
