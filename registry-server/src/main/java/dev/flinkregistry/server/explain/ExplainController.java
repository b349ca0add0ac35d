package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.resolve.ResolveProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/workspaces/{workspace}/explain}: explains a Flink error text or stack trace
 * from what the workspace's registry knows. The body is read up to {@link #MAX_BYTES} and never logged.
 */
@RestController
class ExplainController {

    /** A stack trace is a few dozen KiB; a whole log is not what this reads. */
    static final int MAX_BYTES = 256 * 1024;
    private static final Set<String> READABLE_CHARSETS = Set.of("utf-8", "utf8", "us-ascii", "ascii");

    private final ExplainService explainer;
    private final String publicUrl;
    private final JsonMapper json = JsonMapper.builder().build();

    ExplainController(ExplainService explainer, ResolveProperties properties) {
        this.explainer = explainer;
        this.publicUrl = properties.publicUrl();
    }

    @PostMapping(path = "/api/v1/workspaces/{workspace}/explain",
            consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    Explanation explain(@PathVariable String workspace, HttpServletRequest request) throws IOException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        // Only UTF-8 (and its subset US-ASCII) is read; another charset would be misread silently.
        String charset = type.getParameter("charset");
        if (charset != null && !READABLE_CHARSETS.contains(charset.replace("\"", "").strip().toLowerCase(Locale.ROOT))) {
            throw new UnreadableErrorTextException("The error text is declared as charset " + charset.replaceAll(
                    "[^\\w.:-]", "?") + "; only UTF-8 (or US-ASCII) is read: send it as UTF-8 (charset=utf-8)");
        }
        String text = utf8(bounded(request));
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            text = errorMember(text);
        }
        if (text.isBlank()) {
            throw new NothingToExplainException();
        }
        String base = publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return explainer.explain(workspace, text, base);
    }

    private static byte[] bounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw new ErrorTextTooLargeException(MAX_BYTES);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (body.size() > MAX_BYTES) {
                    throw new ErrorTextTooLargeException(MAX_BYTES);
                }
            }
        }
        return body.toByteArray();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableErrorTextException("The error text is not UTF-8");
        }
    }

    private String errorMember(String body) {
        if (body.isBlank()) {
            throw new NothingToExplainException();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableErrorTextException("The body is not JSON; send {\"error\": \"<text>\"} or text/plain");
        }
        JsonNode error = node == null ? null : node.get("error");
        if (error == null || error.isNull()) {
            throw new NothingToExplainException();
        }
        if (!error.isString()) {
            throw new UnreadableErrorTextException("\"error\" must be a string: the Flink error text");
        }
        return error.asString();
    }
}
