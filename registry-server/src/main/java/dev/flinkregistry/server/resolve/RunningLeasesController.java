package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.connector.ConnectorQueries;
import dev.flinkregistry.server.lease.LeasePage;
import dev.flinkregistry.server.lease.LeaseService;
import dev.flinkregistry.server.workspace.WorkspaceService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET …/leases}: which running jobs hold which versions, optionally of one connector. */
@RestController
@Validated
class RunningLeasesController {

    private final LeaseService leases;
    private final WorkspaceService workspaces;
    private final ConnectorQueries connectors;

    RunningLeasesController(LeaseService leases, WorkspaceService workspaces, ConnectorQueries connectors) {
        this.leases = leases;
        this.workspaces = workspaces;
        this.connectors = connectors;
    }

    @GetMapping("/api/v1/workspaces/{workspace}/leases")
    LeasePage leases(@PathVariable String workspace, @RequestParam(required = false) String connector,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        long workspaceId = workspaces.get(workspace).id();
        if (connector != null) {
            connectors.requireExists(workspace, connector);
        }
        return leases.running(workspaceId, connector, page, size);
    }
}
