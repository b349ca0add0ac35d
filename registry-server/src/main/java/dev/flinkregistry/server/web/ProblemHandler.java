package dev.flinkregistry.server.web;

import dev.flinkregistry.analyzer.SandboxUnavailableException;
import dev.flinkregistry.analyzer.UnsupportedFlinkVersionException;
import dev.flinkregistry.server.RegistryException;
import dev.flinkregistry.server.analysis.AnalysisServiceUnavailableException;
import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.audit.RefusedChanges;
import dev.flinkregistry.server.connector.AnalysisRefusedException;
import dev.flinkregistry.server.connector.BreakingChangeException;
import dev.flinkregistry.server.connector.ConnectorAlreadyExistsException;
import dev.flinkregistry.server.connector.ConnectorNotFoundException;
import dev.flinkregistry.server.connector.DependencyRefusedException;
import dev.flinkregistry.server.connector.FindingAcceptanceException;
import dev.flinkregistry.server.connector.IdentifierAlreadyRegisteredException;
import dev.flinkregistry.server.connector.StoredBytesChangedException;
import dev.flinkregistry.server.connector.StoredJarCorruptException;
import dev.flinkregistry.server.connector.VersionInUseException;
import dev.flinkregistry.server.connector.VersionNotFoundException;
import dev.flinkregistry.server.download.PreconditionFailedException;
import dev.flinkregistry.server.download.RangeNotSatisfiableException;
import dev.flinkregistry.server.explain.ErrorTextTooLargeException;
import dev.flinkregistry.server.explain.NothingToExplainException;
import dev.flinkregistry.server.explain.UnreadableErrorTextException;
import dev.flinkregistry.server.lease.LeaseNotFoundException;
import dev.flinkregistry.server.lease.LeaseTooLongException;
import dev.flinkregistry.server.member.InvalidMemberNameException;
import dev.flinkregistry.server.member.InvalidRoleException;
import dev.flinkregistry.server.resolve.InvalidDeliveryRequestException;
import dev.flinkregistry.server.resolve.NothingToResolveException;
import dev.flinkregistry.server.resolve.UnresolvedIdentifiersException;
import dev.flinkregistry.server.security.AccessDeniedForRoleException;
import dev.flinkregistry.server.storage.StorageUnavailableException;
import dev.flinkregistry.server.token.InvalidTokenRequestException;
import dev.flinkregistry.server.token.TokenNameTakenException;
import dev.flinkregistry.server.token.TokenNotFoundException;
import dev.flinkregistry.server.upload.ChecksumMismatchException;
import dev.flinkregistry.server.upload.DependencyLimitException;
import dev.flinkregistry.server.upload.InvalidUploadException;
import dev.flinkregistry.server.upload.JarTooLargeException;
import dev.flinkregistry.server.upload.MissingUploadException;
import dev.flinkregistry.server.upload.TooManyUploadsException;
import dev.flinkregistry.server.upload.UnsupportedUploadException;
import dev.flinkregistry.server.upload.UploadLimitException;
import dev.flinkregistry.server.upload.UploadTimedOutException;
import dev.flinkregistry.server.upload.UploadsBusyException;
import dev.flinkregistry.server.upload.UrlFetchFailedException;
import dev.flinkregistry.server.upload.UrlNotAllowedException;
import dev.flinkregistry.server.validate.NothingToValidateException;
import dev.flinkregistry.server.validate.UnsupportedFamilyException;
import dev.flinkregistry.server.workspace.WorkspaceAlreadyExistsException;
import dev.flinkregistry.server.workspace.WorkspaceNotFoundException;
import dev.flinkregistry.sql.SqlScanException;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where errors become HTTP: every answer is {@code application/problem+json}
 * (RFC 9457) with a stable {@code code}, a human {@code detail}, and the domain's extra members.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler implements ApplicationEventPublisherAware {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** The code of a form with more parts than the container reads: too many dependency JARs. */
    private static final String TOO_MANY_PARTS = "TOO_MANY_DEPENDENCIES";

    private static final Map<Class<? extends RegistryException>, HttpStatus> STATUS = Map.ofEntries(
            Map.entry(WorkspaceNotFoundException.class, HttpStatus.NOT_FOUND),
            Map.entry(ConnectorNotFoundException.class, HttpStatus.NOT_FOUND),
            Map.entry(VersionNotFoundException.class, HttpStatus.NOT_FOUND),
            Map.entry(WorkspaceAlreadyExistsException.class, HttpStatus.CONFLICT),
            Map.entry(ConnectorAlreadyExistsException.class, HttpStatus.CONFLICT),
            Map.entry(IdentifierAlreadyRegisteredException.class, HttpStatus.CONFLICT),
            Map.entry(BreakingChangeException.class, HttpStatus.CONFLICT),
            Map.entry(VersionInUseException.class, HttpStatus.CONFLICT),
            Map.entry(AnalysisRefusedException.class, HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(FindingAcceptanceException.class, HttpStatus.BAD_REQUEST),
            Map.entry(UrlNotAllowedException.class, HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(UrlFetchFailedException.class, HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(ChecksumMismatchException.class, HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(UnsupportedUploadException.class, HttpStatus.UNSUPPORTED_MEDIA_TYPE),
            Map.entry(MissingUploadException.class, HttpStatus.BAD_REQUEST),
            Map.entry(RangeNotSatisfiableException.class, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE),
            Map.entry(PreconditionFailedException.class, HttpStatus.PRECONDITION_FAILED),
            Map.entry(UnresolvedIdentifiersException.class, HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(NothingToResolveException.class, HttpStatus.BAD_REQUEST),
            Map.entry(NothingToValidateException.class, HttpStatus.BAD_REQUEST),
            Map.entry(NothingToExplainException.class, HttpStatus.BAD_REQUEST),
            Map.entry(UnreadableErrorTextException.class, HttpStatus.BAD_REQUEST),
            Map.entry(ErrorTextTooLargeException.class, HttpStatus.CONTENT_TOO_LARGE),
            Map.entry(UnsupportedFamilyException.class, HttpStatus.BAD_REQUEST),
            Map.entry(InvalidUploadException.class, HttpStatus.BAD_REQUEST),
            Map.entry(UploadTimedOutException.class, HttpStatus.REQUEST_TIMEOUT),
            Map.entry(TooManyUploadsException.class, HttpStatus.TOO_MANY_REQUESTS),
            Map.entry(UploadsBusyException.class, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(StorageUnavailableException.class, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(AnalysisServiceUnavailableException.class, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(StoredJarCorruptException.class, HttpStatus.INTERNAL_SERVER_ERROR),
            Map.entry(StoredBytesChangedException.class, HttpStatus.INTERNAL_SERVER_ERROR),
            Map.entry(AccessDeniedForRoleException.class, HttpStatus.FORBIDDEN),
            Map.entry(TokenNotFoundException.class, HttpStatus.NOT_FOUND),
            Map.entry(InvalidTokenRequestException.class, HttpStatus.BAD_REQUEST),
            Map.entry(TokenNameTakenException.class, HttpStatus.CONFLICT),
            Map.entry(InvalidRoleException.class, HttpStatus.BAD_REQUEST),
            Map.entry(InvalidMemberNameException.class, HttpStatus.BAD_REQUEST),
            Map.entry(LeaseTooLongException.class, HttpStatus.BAD_REQUEST),
            Map.entry(DependencyRefusedException.class, HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(DependencyLimitException.class, HttpStatus.CONTENT_TOO_LARGE),
            Map.entry(LeaseNotFoundException.class, HttpStatus.NOT_FOUND),
            Map.entry(InvalidDeliveryRequestException.class, HttpStatus.BAD_REQUEST));

    /** The status a domain error is answered with; empty for one nobody mapped (a bug: 500). */
    static java.util.Optional<HttpStatus> statusOf(Class<? extends RegistryException> type) {
        return java.util.Optional.ofNullable(STATUS.get(type));
    }

    private ApplicationEventPublisher events;

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.events = publisher;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> registry(RegistryException e) {
        HttpStatus status = STATUS.get(e.getClass());
        if (status == null) {
            // A domain error without a status is a bug, not the client's fault: say so, never guess.
            return unexpected(e);
        }
        notMade(e instanceof AccessDeniedForRoleException ? AuditLog.Outcome.DENIED
                : e instanceof StorageUnavailableException || e instanceof AnalysisServiceUnavailableException
                ? AuditLog.Outcome.FAILED : AuditLog.Outcome.REFUSED, e.code());
        ResponseEntity<ProblemDetail> answer = problem(status, e.code(), e.getMessage(), e.properties());
        if (e instanceof AnalysisServiceUnavailableException) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER,
                            String.valueOf(AnalysisServiceUnavailableException.RETRY_AFTER.toSeconds()))
                    .body(answer.getBody());
        }
        if (e instanceof RangeNotSatisfiableException range) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + range.length()).body(answer.getBody());
        }
        if (e instanceof StorageUnavailableException) {
            LOG.warn("Object store unavailable: {}", e.getMessage(), e.getCause());
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, "30").body(answer.getBody());
        }
        if (e instanceof UploadLimitException) {
            // Refused before its body was read, which is not read now either: the connection ends.
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(UploadLimitException.RETRY_AFTER.toSeconds()))
                    .header(HttpHeaders.CONNECTION, "close").body(answer.getBody());
        }
        return answer;
    }

    /** A credential refused inside a controller (e.g. signing in with an unknown token). */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"flink-connector-registry\", error=\"invalid_token\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.UNAUTHORIZED, "INVALID_TOKEN", "The token was refused: " + e.getMessage(),
                        Map.of()).getBody());
    }

    @ExceptionHandler(JarTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(JarTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "JAR_TOO_LARGE", e.getMessage(), Map.of("maxBytes", e.maxBytes()));
    }

    /** No isolation works here: the operator must install or configure it (DESIGN rule 3). */
    @ExceptionHandler(SandboxUnavailableException.class)
    ResponseEntity<ProblemDetail> sandboxUnavailable(SandboxUnavailableException e) {
        notMade(AuditLog.Outcome.FAILED, "ANALYSIS_SANDBOX_UNAVAILABLE");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "ANALYSIS_SANDBOX_UNAVAILABLE", "The registry does not "
                        + "analyse JARs here, because uploaded code would not be isolated from it: " + e.reason()
                        + " An operator can also set registry.analysis.isolation=none for a trial with trusted JARs.",
                        Map.of()).getBody());
    }

    @ExceptionHandler(UnsupportedFlinkVersionException.class)
    ResponseEntity<ProblemDetail> flinkVersion(UnsupportedFlinkVersionException e) {
        return problem(HttpStatus.BAD_REQUEST, "UNSUPPORTED_FLINK_VERSION", e.getMessage(), Map.of());
    }

    @ExceptionHandler(SqlScanException.class)
    ResponseEntity<ProblemDetail> invalidSql(SqlScanException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_SQL", "The SQL script could not be read: " + e.getMessage(),
                Map.of("line", e.line()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", String.join("; ", errors), Map.of("errors", errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                "'" + e.getName() + "' has an invalid value: " + e.getValue(), Map.of());
    }

    /**
     * Parameters Tomcat cannot decode (an invalid %-escape in the query string, too many of them).
     * Not logged nor echoed: Tomcat's message quotes them.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameters(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "The query string could not be decoded: an invalid "
                + "%-escape, or too many parameters", Map.of());
    }

    /**
     * A multipart body that cannot be read: no boundary (often a JAR sent with the wrong
     * Content-Type), or cut short. Not logged: the parser's messages may quote the body.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "The multipart/form-data body could not be read "
                + "(no boundary, or cut short). To send the JAR's bytes as they are, use "
                + "'Content-Type: application/java-archive'; a form needs a boundary and a 'file' part.", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        notMade(AuditLog.Outcome.FAILED, "INTERNAL_ERROR");
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The registry failed to handle the request; nothing was half-written. The server log has details.",
                Map.of());
    }

    /** Spring's own exceptions (404 for unknown paths, 405, 415, bad JSON, validation) get codes too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            status = HttpStatus.CONTENT_TOO_LARGE;
        }
        ProblemDetail detail = body instanceof ProblemDetail problem ? problem
                : e instanceof ErrorResponse response ? response.getBody()
                : ProblemDetail.forStatusAndDetail(status, e.getMessage());
        detail.setStatus(status.value());
        String code = codeFor(e, status);
        if (TOO_MANY_PARTS.equals(code)) {
            detail.setDetail("The form has more parts than the server reads (server.tomcat.max-part-count): a version "
                    + "carries only a few dependency JARs (registry.uploads.max-dependencies); nothing was stored.");
        }
        notMade(status.is5xxServerError() ? AuditLog.Outcome.FAILED : AuditLog.Outcome.REFUSED, code);
        detail.setProperty("code", code);
        detail.setType(typeOf(code));
        if (e instanceof org.springframework.web.bind.MethodArgumentNotValidException invalid) {
            List<String> errors = invalid.getBindingResult().getFieldErrors().stream()
                    .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().toList();
            detail.setDetail(String.join("; ", errors));
            detail.setProperty("errors", errors);
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(problemHeaders).body(detail);
    }

    private static String codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof MaxUploadSizeExceededException) {
            return partCountExceeded(e) ? TOO_MANY_PARTS : "JAR_TOO_LARGE";
        }
        return switch (status.value()) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "JAR_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 400 -> e instanceof org.springframework.http.converter.HttpMessageNotReadableException
                    ? "MALFORMED_REQUEST" : "INVALID_REQUEST";
            default -> status.is5xxServerError() ? "INTERNAL_ERROR" : "INVALID_REQUEST";
        };
    }

    /**
     * Whether the container refused the form for its number of parts (Tomcat's FileCountLimitExceededException,
     * which Spring reports as an upload too large): many small {@code dependency} parts, not large bytes.
     */
    private static boolean partCountExceeded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("FileCountLimitExceededException")) {
                return true;
            }
        }
        return false;
    }

    /** The audit log records a change the request asked for and did not get. */
    private void notMade(AuditLog.Outcome outcome, String code) {
        if (events != null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            events.publishEvent(new RefusedChanges.NotMade(servlet.getRequest(), outcome, code));
        }
    }

    /** The problem type: a stable URI per code. */
    static java.net.URI typeOf(String code) {
        return java.net.URI.create("urn:flink-connector-registry:problem:" + code.toLowerCase(java.util.Locale.ROOT));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail,
                                                 Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeOf(code));
        problem.setProperty("code", code);
        new LinkedHashMap<>(properties).forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
