package dev.flinkregistry.server.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Ends the connection of a request refused for load (429, 503) or whose body stopped arriving
 * (408) without reading the rest of its body. Tomcat otherwise reads ("swallows") up to
 * {@code server.tomcat.max-swallow-size} of an unread body after the answer, so that the
 * connection can be reused, and a client that stalls would hold the thread for another idle timeout.
 */
final class RefusedBodyValve extends ValveBase {

    RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        int status = response.getStatus();
        if (status == 408 || status == 429 || status == 503) {
            boolean reportPending = response.isErrorReportRequired();
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            if (!reportPending) {
                // The action flags the response as failed, which would append an error page to the answer written.
                response.setErrorReported();
            }
        }
    }
}
