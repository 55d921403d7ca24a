package dev.userservice.adapter.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Reads the rest of a request body the handler left unread, before the response goes out.
 *
 * <p>Many answers come before the body is read: 413 from its declared length, 415 from its type,
 * 401 from a missing token, 404 and 405 from the route. Jetty, finding unread bytes when the
 * exchange ends, closes the connection: a client still sending then loses the answer to a reset,
 * and a client that had already read a keep-alive answer sends its next request into a closed
 * connection. Reading the remainder first keeps the connection as the answer describes it.
 *
 * <p>A remainder larger than {@link #LIMIT} is not worth reading: the answer then says
 * {@code Connection: close}, which is what the server does.
 */
final class UnreadBodies {

  /** The most a response waits to read of a body nobody wants. */
  static final int LIMIT = 1024 * 1024;

  private UnreadBodies() {}

  static void drain(Context ctx) {
    try {
      // This runs for every request, and most have no body or none left: the buffer is only
      // made when there is something to read. (A request without Content-Length or
      // Transfer-Encoding has no body; the stream only says it is finished once read to its end.)
      HttpServletRequest request = ctx.req();
      long length = request.getContentLengthLong();
      if (length == 0 || length < 0 && request.getHeader("Transfer-Encoding") == null) {
        return;
      }
      ServletInputStream in = request.getInputStream();
      if (in.isFinished()) {
        return;
      }
      byte[] buffer = new byte[8192];
      long left = LIMIT;
      while (!in.isFinished()) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1));
        if (read < 0) {
          return;
        }
        left -= read;
        if (left < 0) {
          ctx.header("Connection", "close");
          return;
        }
      }
    } catch (IOException | IllegalStateException unreadable) {
      // The client went away, or the body was read as characters: either way nothing is left
      // that this connection can be reused after.
      ctx.header("Connection", "close");
    }
  }
}
