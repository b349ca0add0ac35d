package dev.flinkregistry.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the container forwards an error that no handler answered (a status set by
 * {@code sendError}: Spring Security's firewall refusing a path, a body read that failed): a
 * problem document like every other answer, in place of Spring Boot's own JSON. Asked for
 * directly, it is a path like any unknown one: 404. Not part of the API, so not in its description.
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer set ? set : 404;
        HttpStatus known = HttpStatus.resolve(status);
        ResponseEntity<ProblemDetail> answer = ProblemHandler.problem(
                known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR, ContainerProblems.codeOf(status),
                ContainerProblems.detailOf(status), Map.of());
        answer.getBody().setStatus(status);
        answer.getBody().setInstance(instance(request));
        return ResponseEntity.status(status).headers(answer.getHeaders()).body(answer.getBody());
    }

    /** The path the failed request asked for, when it is a valid URI reference. */
    private static URI instance(HttpServletRequest request) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            return new URI(path instanceof String uri ? uri : request.getRequestURI());
        } catch (URISyntaxException notAUri) {
            return null;
        }
    }
}
