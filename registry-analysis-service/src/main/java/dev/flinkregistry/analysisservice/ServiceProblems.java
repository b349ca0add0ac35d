package dev.flinkregistry.analysisservice;

import dev.flinkregistry.analyzer.SandboxUnavailableException;
import dev.flinkregistry.analyzer.UnsupportedFlinkVersionException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error is {@code application/problem+json} with a stable {@code code}, as the registry server's
 * are; the server reads the code, a person the detail.
 */
@RestControllerAdvice
class ServiceProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProblems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(ServiceException.class)
    ResponseEntity<ProblemDetail> refused(ServiceException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status() == 503) {
            answer.header(HttpHeaders.RETRY_AFTER, "5");
        }
        if (e.status() == 413) {
            // The rest of the body is not read: the connection ends.
            answer.header(HttpHeaders.CONNECTION, "close");
        }
        return answer.body(problem(e.status(), e.code(), e.getMessage()));
    }

    /** Tomcat's form parser stopped at a limit, or found no form: thrown from the first parameter read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableParameters(InvalidParameterException e) {
        return refused(IncomingForm.refusal(e));
    }

    @ExceptionHandler(UnsupportedFlinkVersionException.class)
    ResponseEntity<ProblemDetail> flinkVersion(UnsupportedFlinkVersionException e) {
        return refused(new ServiceException(400, "UNSUPPORTED_FLINK_VERSION", e.getMessage()));
    }

    /** No isolation works here: the service's readiness is DOWN too, so a load balancer sends nothing. */
    @ExceptionHandler(SandboxUnavailableException.class)
    ResponseEntity<ProblemDetail> sandboxUnavailable(SandboxUnavailableException e) {
        return ResponseEntity.status(503).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "60")
                .body(problem(503, "ANALYSIS_SANDBOX_UNAVAILABLE", "The analysis service does not analyse JARs: "
                        + "uploaded code would not be isolated here. " + e.reason()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(500, "INTERNAL_ERROR", "The analysis service failed; its log has details"));
    }

    /** Spring's own refusals (404, 405, 415, a missing Content-Type) get codes too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String code = switch (status.value()) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status.is5xxServerError() ? "INTERNAL_ERROR" : "INVALID_REQUEST";
        };
        String detail = e instanceof ErrorResponse response && response.getBody().getDetail() != null
                ? response.getBody().getDetail() : "The request was refused";
        if (status.value() == 415) {
            detail = "Send the JAR's bytes as the body with Content-Type: application/java-archive, or the JAR "
                    + "and its dependencies as multipart/form-data ('jar' and 'dependency' parts)";
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(problemHeaders).body(problem(status.value(), code, detail));
    }

    static ProblemDetail problem(int status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(URI.create("urn:flink-connector-registry:problem:" + code.toLowerCase(Locale.ROOT)));
        problem.setProperty("code", code);
        return problem;
    }

    /** For a filter, which answers before any controller (and so before this advice) is reached. */
    static void write(HttpServletResponse response, int status, String code, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "urn:flink-connector-registry:problem:" + code.toLowerCase(Locale.ROOT));
        problem.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        response.getOutputStream().write(JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }
}
