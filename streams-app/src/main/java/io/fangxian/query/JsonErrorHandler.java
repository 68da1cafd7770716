package io.fangxian.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.web.Params;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own errors (a malformed or ambiguous URI, headers too large …) in the API's JSON shape
 * instead of Jetty's HTML page, and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  JsonErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
      int code, String message) throws IOException {
    baseRequest.setHandled(true);
    response.setStatus(code);
    response.setContentType("application/json;charset=utf-8");
    response.getOutputStream().write(body(code, message));
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    return ByteBuffer.wrap(body(status, reason));
  }

  /** The API's error code for an HTTP status that Jetty or Javalin answered on their own. */
  static String errorCode(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  static byte[] body(int code, String message) {
    String error = errorCode(code);
    String text = code >= 500 ? "the server could not answer this request" : "the request is malformed"
        + (message == null || message.isBlank() ? "" : ": " + Params.shorten(message));
    try {
      return MAPPER.writeValueAsBytes(new Views.ErrorBody(error, text));
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"" + error + "\",\"message\":\"\"}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
