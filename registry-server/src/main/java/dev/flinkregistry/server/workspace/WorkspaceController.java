package dev.flinkregistry.server.workspace;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/workspaces}: list, create and show workspaces. */
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceController {

    private final WorkspaceService workspaces;

    WorkspaceController(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    /** A request to create a workspace. */
    record CreateWorkspace(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and '-'")
            String name,
            @NotBlank String flinkVersion) {}

    @GetMapping
    List<WorkspaceInfo> list() {
        return workspaces.list();
    }

    @PostMapping
    ResponseEntity<WorkspaceInfo> create(@Valid @RequestBody CreateWorkspace request) {
        WorkspaceInfo created = workspaces.create(request.name(), request.flinkVersion());
        return ResponseEntity.created(URI.create("/api/v1/workspaces/" + created.name())).body(created);
    }

    @GetMapping("/{workspace}")
    WorkspaceInfo get(@PathVariable String workspace) {
        return workspaces.get(workspace);
    }
}
