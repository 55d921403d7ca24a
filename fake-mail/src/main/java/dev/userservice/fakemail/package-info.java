/**
 * A fake SMTP server and mailbox for development and tests: it accepts every letter and keeps
 * it in memory to be read back (also over HTTP in {@code start-dev}). Uses nothing of the
 * service.
 */
package dev.userservice.fakemail;
