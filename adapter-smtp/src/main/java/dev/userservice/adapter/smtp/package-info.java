/**
 * The SMTP mailer (jakarta.mail with Angus Mail): UTF-8 letters with text and HTML parts, one
 * connection per batch, over a session of its own or the application's.
 */
package dev.userservice.adapter.smtp;
