/**
 * In-memory adapters of every port: the fakes of the use-case tests, the per-process user cache
 * and reset-request queue the service uses in production, and enough to embed the service in a
 * single process without infrastructure.
 */
package dev.userservice.adapter.inmemory;
