package dev.flinkregistry.server.workspace;

import dev.flinkregistry.analyzer.FlinkRuntimes;
import dev.flinkregistry.analyzer.UnsupportedFlinkVersionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds and creates workspaces. Workspaces are never renamed or deleted, so lookups are cached. */
@Service
public class WorkspaceService {

    private final WorkspaceRepository workspaces;
    private final Map<String, WorkspaceInfo> byName = new ConcurrentHashMap<>();

    WorkspaceService(WorkspaceRepository workspaces) {
        this.workspaces = workspaces;
    }

    /** The workspace; throws {@link WorkspaceNotFoundException} when there is none. */
    public WorkspaceInfo get(String name) {
        WorkspaceInfo cached = byName.get(name);
        if (cached != null) {
            return cached;
        }
        WorkspaceInfo found = workspaces.findByName(name).map(Workspace::info)
                .orElseThrow(() -> new WorkspaceNotFoundException(name));
        byName.put(name, found);
        return found;
    }

    @Transactional(readOnly = true)
    public List<WorkspaceInfo> list() {
        return workspaces.findAllByOrderByNameAsc().stream().map(Workspace::info).toList();
    }

    /** Creates a workspace for a supported Flink version (e.g. {@code 1.20} or {@code 2.2}). */
    public WorkspaceInfo create(String name, String flinkVersion) {
        if (!FlinkRuntimes.SUPPORTED_LINES.contains(flinkVersion)) {
            throw new UnsupportedFlinkVersionException(flinkVersion, FlinkRuntimes.SUPPORTED_LINES);
        }
        if (workspaces.findByName(name).isPresent()) {
            throw new WorkspaceAlreadyExistsException(name);
        }
        try {
            return workspaces.saveAndFlush(new Workspace(name, flinkVersion, Instant.now())).info();
        } catch (DataIntegrityViolationException raced) {
            throw new WorkspaceAlreadyExistsException(name);
        }
    }
}
