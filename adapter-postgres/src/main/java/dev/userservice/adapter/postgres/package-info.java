/**
 * PostgreSQL adapters (jOOQ): users, OAuth clients, the audit trail, the mail outbox and the job
 * lock, over a pool of their own or the application's {@code DataSource}
 * ({@code PostgresDatabase}); the Flyway migrations under {@code db/user-service/migration}
 * create the service's own schema ({@code user_service} by default).
 */
package dev.userservice.adapter.postgres;
