/**
 * The HTTP API on Javalin: routes, JSON, RFC 9457 problem responses, bearer authentication, the
 * OpenAPI document, request metrics and the management listener (health, Prometheus).
 */
package dev.userservice.adapter.http;
