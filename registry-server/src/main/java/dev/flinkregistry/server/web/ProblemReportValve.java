package dev.flinkregistry.server.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's report for the errors it answers itself, which no servlet sees (a request line with
 * characters HTTP forbids, an invalid Host, an encoded '/' in the path, a request no context
 * maps): problem+json with a code, in place of Tomcat's HTML page.
 */
final class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String code = ContainerProblems.codeOf(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemHandler.typeOf(code).toString());
        problem.put("title", ContainerProblems.title(status));
        problem.put("status", status);
        problem.put("detail", ContainerProblems.detailOf(status));
        instance(request).ifPresent(path -> problem.put("instance", path));
        problem.put("code", code);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGone) {
            // Nothing more can be said to this client.
        }
    }

    /** The request's path when it is a valid URI reference; a refused request line has none. */
    private static Optional<String> instance(Request request) {
        String path = request.getRequestURI();
        try {
            return path == null || path.isEmpty() ? Optional.empty() : Optional.of(new URI(path).toString());
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
    }
}
