/**
 * What {@code start-dev} runs instead of real infrastructure: embedded PostgreSQL and Redis and
 * the fake mail server and client. Never part of the server jar.
 */
package dev.userservice.devservices;
