/**
 * The service as a program: settings from the environment, {@code Wiring} (every adapter built
 * by hand, then the use cases, the HTTP API and the jobs), {@code main} ({@code start},
 * {@code migrate}) and the lean server jar. Nothing depends on it.
 */
package dev.userservice.bootstrap;
