package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.JarAnalysis;
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
 * Analyses a JAR for the workspace's Flink version (or another supported one) and stores nothing.
 */
@RestController
class AnalysisController {

    private final AnalysisService analysis;
    private final WorkspaceService workspaces;
    private final Uploads uploads;

    AnalysisController(AnalysisService analysis, WorkspaceService workspaces, Uploads uploads) {
        this.analysis = analysis;
        this.workspaces = workspaces;
        this.uploads = uploads;
    }

    @PostMapping("/api/v1/workspaces/{workspace}/analysis")
    @ReceivesJar
    JarAnalysis analyze(@PathVariable String workspace, @RequestParam(required = false) String flinkVersion,
                        @RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
        String workspaceVersion = workspaces.get(workspace).flinkVersion();
        String line = flinkVersion != null ? flinkVersion : workspaceVersion;
        analysis.runtime(line);
        try (Upload upload = uploads.receive(request, fileName)) {
            return analysis.analyze(upload.jar().file(), upload.jar().fileName(), line, upload.jar().sha256());
        }
    }
}
