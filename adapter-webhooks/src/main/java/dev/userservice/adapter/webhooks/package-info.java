/**
 * The webhook sender: each delivery an HTTP POST signed as Standard Webhooks specifies, through
 * the JDK's HTTP client, refusing receivers on private addresses unless allowed.
 */
package dev.userservice.adapter.webhooks;
