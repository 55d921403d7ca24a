package dev.userservice.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HttpStatus;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before any route runs (414 for a long request line, 431 for
 * large headers, 400 for a malformed request) as problem documents that say
 * {@code Connection: close}: Jetty closes the connection after them, and a client told so never
 * sends its next request into a closed connection.
 */
final class ParserErrors extends ErrorHandler {

  private final ObjectMapper mapper;

  ParserErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) throws JsonProcessingException {
    String title = HttpStatus.forStatus(code).getMessage();
    Map<String, Object> body = Problems.document(code, "http-" + code, title,
        message == null || message.isBlank() ? title : message);
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.PROBLEM_JSON);
    response.write(true, ByteBuffer.wrap(mapper.writeValueAsBytes(body)), callback);
  }
}
