package dev.flinkregistry.server.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.upload.ReceivesJar;
import dev.flinkregistry.server.upload.Uploads.Upload;
import dev.flinkregistry.server.upload.Uploads;
import dev.flinkregistry.server.workspace.WorkspaceService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/workspaces/{workspace}/analysis}: the "parse, then confirm" step of a console.
 * Analyses a JAR for the workspace's Flink version (or another supported one) and stores nothing;
 * with {@code connector}, also previews the compatibility diff an update of that connector would
 * report, which is why it sits with the connectors rather than with the analysis service.
 */
@RestController
class AnalysisController {

    private final AnalysisService analysis;
    private final WorkspaceService workspaces;
    private final ConnectorQueries queries;
    private final UpdatePreview updatePreview;
    private final Uploads uploads;
    private final AttachedDependencies dependencies;
    private final DependencyHints hints;

    AnalysisController(AnalysisService analysis, WorkspaceService workspaces, ConnectorQueries queries,
                       UpdatePreview updatePreview, Uploads uploads, AttachedDependencies dependencies,
                       DependencyHints hints) {
        this.dependencies = dependencies;
        this.hints = hints;
        this.analysis = analysis;
        this.workspaces = workspaces;
        this.queries = queries;
        this.updatePreview = updatePreview;
        this.uploads = uploads;
    }

    /**
     * The analysis and, when a connector was named, the update's diff and whether it breaks jobs
     * (both absent otherwise).
     */
    record AnalysisPreview(@JsonUnwrapped JarAnalysis analysis,
                           @JsonInclude(JsonInclude.Include.NON_NULL) VersionDiff diff,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean breaking) {}

    @PostMapping("/api/v1/workspaces/{workspace}/analysis")
    @ReceivesJar
    AnalysisPreview analyze(@PathVariable String workspace, @RequestParam(required = false) String flinkVersion,
                            @RequestParam(required = false) String connector,
                            @RequestParam(required = false) String fileName, HttpServletRequest request)
            throws IOException {
        String workspaceVersion = workspaces.get(workspace).flinkVersion();
        String line = flinkVersion != null ? flinkVersion : workspaceVersion;
        analysis.runtime(line);
        if (connector != null) {
            // Before the upload is read: an unknown connector is answered without receiving the JAR.
            queries.connector(workspace, connector);
        }
        try (Upload upload = uploads.receive(request, fileName)) {
            // Dependency parts (or URLs) sent with the JAR are checked and put on the worker's class path, as a
            // registration would: the preview is what registering them together would find.
            dependencies.check(upload.jar(), upload.dependencies());
            JarAnalysis result = upload.dependencies().isEmpty()
                    ? analysis.analyze(upload.jar().file(), upload.jar().fileName(), line, upload.jar().sha256())
                    : analysis.analyze(upload.jar().file(), upload.jar().fileName(), line, upload.jar().sha256(),
                            AttachedDependencies.files(upload.dependencies()));
            result = hints.withHints(workspaces.get(workspace).id(), result);
            if (connector == null) {
                return new AnalysisPreview(result, null, null);
            }
            // Against the version current now, which may have moved while the JAR was analysed.
            VersionDiff diff = updatePreview.of(workspace, connector, result);
            return new AnalysisPreview(result, diff, diff.breaking());
        }
    }
}
