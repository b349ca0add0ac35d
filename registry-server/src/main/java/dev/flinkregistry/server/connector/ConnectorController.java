package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.connector.Views.ConnectorSummary;
import dev.flinkregistry.server.connector.Views.ConnectorView;
import dev.flinkregistry.server.connector.Views.CurrentChange;
import dev.flinkregistry.server.connector.Views.Page;
import dev.flinkregistry.server.connector.Views.UploadResult;
import dev.flinkregistry.server.connector.Views.VersionView;
import dev.flinkregistry.server.security.AccessPolicy;
import dev.flinkregistry.server.upload.InvalidUploadException;
import dev.flinkregistry.server.upload.ReceivesJar;
import dev.flinkregistry.server.upload.Uploads;
import dev.flinkregistry.server.upload.Uploads.Upload;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/workspaces/{workspace}/connectors}: register, update, list, show, roll back, delete. */
@RestController
@Validated
@RequestMapping("/api/v1/workspaces/{workspace}/connectors")
class ConnectorController {

    static final String NAME = "[a-z0-9][a-z0-9-]{0,127}";
    private static final String NAME_MESSAGE = "must be lower-case letters, digits and '-', starting with a letter or digit";

    private final ConnectorRegistration registration;
    private final ConnectorQueries queries;
    private final ConnectorAdministration administration;
    private final Uploads uploads;
    private final AccessPolicy access;

    ConnectorController(ConnectorRegistration registration, ConnectorQueries queries,
                        ConnectorAdministration administration, Uploads uploads, AccessPolicy access) {
        this.registration = registration;
        this.queries = queries;
        this.administration = administration;
        this.uploads = uploads;
        this.access = access;
    }

    /** The body that moves the current pointer; {@code force} moves it even when that breaks jobs. */
    record SetCurrent(@NotNull @Min(1) Integer version, Boolean force) {}

    @PostMapping
    @ReceivesJar
    ResponseEntity<UploadResult> register(@PathVariable String workspace,
                                          @RequestParam(required = false) String name,
                                          @RequestParam(required = false) String fileName,
                                          HttpServletRequest request, Principal principal) throws IOException {
        if (name != null) {
            checkName(name);
        }
        long started = System.nanoTime();
        try (Upload upload = uploads.receive(request, fileName, fields -> checkAcceptance(workspace, fields))) {
            long received = System.nanoTime();
            String connector = name != null ? name : upload.name();
            checkName(connector);
            UploadResult result = registration.register(workspace, connector, upload.jar(), upload.source(),
                    user(principal), AcceptFindings.of(upload.fields()), upload.dependencies());
            if (!result.created()) {
                return ResponseEntity.ok().header("Server-Timing", serverTiming(started, received)).body(result);
            }
            return ResponseEntity.created(URI.create("/api/v1/workspaces/" + workspace + "/connectors/" + connector))
                    .header("Server-Timing", serverTiming(started, received)).body(result);
        }
    }

    @PostMapping("/{name}/versions")
    @ReceivesJar
    ResponseEntity<UploadResult> update(@PathVariable String workspace, @PathVariable String name,
                                        @RequestParam(defaultValue = "false") boolean force,
                                        @RequestParam(required = false) String fileName,
                                        @RequestParam(defaultValue = "false") boolean clearDependencies,
                                        HttpServletRequest request, Principal principal) throws IOException {
        long started = System.nanoTime();
        try (Upload upload = uploads.receive(request, fileName, fields -> checkAcceptance(workspace, fields))) {
            long received = System.nanoTime();
            UploadResult result = registration.update(workspace, name, upload.jar(), upload.source(), force,
                    user(principal), AcceptFindings.of(upload.fields()), upload.dependencies(), clearDependencies);
            if (!result.created()) {
                return ResponseEntity.ok().header("Server-Timing", serverTiming(started, received)).body(result);
            }
            return ResponseEntity.created(URI.create("/api/v1/workspaces/" + workspace + "/connectors/" + name
                    + "/versions/" + result.version().version()))
                    .header("Server-Timing", serverTiming(started, received)).body(result);
        }
    }

    @GetMapping
    Page<ConnectorSummary> list(@PathVariable String workspace,
                                @RequestParam(required = false) String identifier,
                                @RequestParam(required = false) String family,
                                @RequestParam(required = false) String capability,
                                @RequestParam(required = false) String q,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.list(workspace, identifier, family, capability, q, page, size);
    }

    @GetMapping("/{name}")
    ConnectorView get(@PathVariable String workspace, @PathVariable String name) {
        return queries.get(workspace, name);
    }

    @GetMapping("/{name}/versions")
    List<VersionView> versions(@PathVariable String workspace, @PathVariable String name) {
        return queries.versions(workspace, name);
    }

    @GetMapping("/{name}/versions/{version}")
    VersionView version(@PathVariable String workspace, @PathVariable String name, @PathVariable int version) {
        return queries.version(workspace, name, version);
    }

    @GetMapping("/{name}/diff")
    VersionDiff diff(@PathVariable String workspace, @PathVariable String name,
                     @RequestParam int from, @RequestParam int to) {
        return queries.diff(workspace, name, from, to);
    }

    @PutMapping("/{name}/current")
    CurrentChange setCurrent(@PathVariable String workspace, @PathVariable String name,
                             @jakarta.validation.Valid @RequestBody SetCurrent request) {
        return administration.setCurrent(workspace, name, request.version(), Boolean.TRUE.equals(request.force()));
    }

    @DeleteMapping("/{name}/versions/{version}")
    ResponseEntity<Void> deleteVersion(@PathVariable String workspace, @PathVariable String name,
                                       @PathVariable int version) {
        administration.deleteVersion(workspace, name, version);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String workspace, @PathVariable String name) {
        administration.deleteConnector(workspace, name);
        return ResponseEntity.noContent().build();
    }

    /**
     * Before the JAR is received: accepting findings needs the operation's {@code x-accept-findings-role}
     * (an admin), checked first, and then well-formed fields ({@link AcceptFindings#of}).
     */
    private void checkAcceptance(String workspace, Map<String, List<String>> fields) {
        if (AcceptFindings.requested(fields)) {
            access.requireDeclared("x-accept-findings-role", workspace);
            AcceptFindings.of(fields);
        }
    }

    /** Refuses a missing or malformed name, before the upload is read when it comes as a parameter. */
    private static void checkName(String name) {
        if (name == null) {
            throw InvalidUploadException.invalid("Name the connector: ?name=… (or a 'name' form field or JSON member)");
        }
        if (!name.matches(NAME)) {
            throw InvalidUploadException.invalid("Connector name '" + name + "' " + NAME_MESSAGE);
        }
    }

    /** How long receiving (streaming, hashing, flushing) and registering (analysis, storing, commit) took. */
    private static String serverTiming(long started, long received) {
        long now = System.nanoTime();
        return String.format(java.util.Locale.ROOT, "receive;dur=%.1f, register;dur=%.1f",
                (received - started) / 1e6, (now - received) / 1e6);
    }

    private static String user(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
