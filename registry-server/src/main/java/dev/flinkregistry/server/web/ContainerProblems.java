package dev.flinkregistry.server.web;

import org.springframework.http.HttpStatus;

/**
 * The code and detail of an error the servlet container answers with a status alone, before or
 * outside Spring MVC: a malformed request line or header, a path the container or Spring
 * Security's firewall refuses, a body that stops arriving, {@code GET /error} itself. Details are
 * fixed texts: the request's own bytes are never echoed.
 */
final class ContainerProblems {

    private ContainerProblems() {}

    /** The stable code for a status the container set. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "JAR_TOO_LARGE";
            case 500, 502, 503, 504 -> "INTERNAL_ERROR";
            default -> "INVALID_REQUEST";
        };
    }

    /** What went wrong, in words that fit every request the container answers with this status. */
    static String detailOf(int status) {
        return switch (status) {
            case 400 -> "The request is not well-formed, or was refused before it reached the registry: its request "
                    + "line, a header (too large, or with characters HTTP forbids), its path (an encoded '/', '\\' or "
                    + "'..', a ';' parameter, '//'), or the framing of its body. Nothing was read into the registry.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take this method.";
            case 408 -> "The request body stopped arriving for longer than the server waits; nothing was stored.";
            case 413 -> "The request body is larger than the registry accepts.";
            case 500, 502, 503, 504 -> "The registry failed to handle the request; nothing was half-written.";
            default -> "The server does not take this request (" + title(status) + ").";
        };
    }

    /** The status's reason phrase, or a generic one for a status Spring does not name. */
    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
