package dev.flinkregistry.server.workspace;

import dev.flinkregistry.analyzer.FlinkRuntimes;
import dev.flinkregistry.analyzer.UnsupportedFlinkVersionException;
import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.security.AuthProperties;
import dev.flinkregistry.server.security.Principals;
import dev.flinkregistry.server.security.RegistryPrincipal;
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
    private final AuditLog audit;
    private final boolean anonymousRead;
    private final Map<String, WorkspaceInfo> byName = new ConcurrentHashMap<>();

    WorkspaceService(WorkspaceRepository workspaces, AuditLog audit, AuthProperties auth) {
        this.workspaces = workspaces;
        this.audit = audit;
        this.anonymousRead = auth.anonymousRead();
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

    /** The workspace with this id; workspaces are never deleted, so one that was found exists. */
    public WorkspaceInfo byId(long id) {
        for (WorkspaceInfo cached : byName.values()) {
            if (cached.id() == id) {
                return cached;
            }
        }
        WorkspaceInfo found = workspaces.findById(id).map(Workspace::info)
                .orElseThrow(() -> new WorkspaceNotFoundException("#" + id));
        byName.put(found.name(), found);
        return found;
    }

    /** The workspaces the caller has a role in (every one for platform administrators, or with anonymous reading). */
    @Transactional(readOnly = true)
    public List<WorkspaceInfo> list() {
        RegistryPrincipal caller = Principals.current();
        boolean all = caller.platformAdmin() || caller.isAnonymous() && anonymousRead;
        return workspaces.findAllByOrderByNameAsc().stream().map(Workspace::info)
                .filter(ws -> all || caller.roleIn(ws.name()).isPresent()).toList();
    }

    /** Creates a workspace for a supported Flink version (e.g. {@code 1.20} or {@code 2.2}). */
    @Transactional
    public WorkspaceInfo create(String name, String flinkVersion) {
        if (!FlinkRuntimes.SUPPORTED_LINES.contains(flinkVersion)) {
            throw new UnsupportedFlinkVersionException(flinkVersion, FlinkRuntimes.SUPPORTED_LINES);
        }
        if (workspaces.findByName(name).isPresent()) {
            throw new WorkspaceAlreadyExistsException(name);
        }
        try {
            WorkspaceInfo created = workspaces.saveAndFlush(new Workspace(name, flinkVersion, Instant.now())).info();
            audit.record("workspace.create", name, name, AuditLog.Outcome.SUCCESS, Map.of("flinkVersion", flinkVersion));
            return created;
        } catch (DataIntegrityViolationException raced) {
            throw new WorkspaceAlreadyExistsException(name);
        }
    }
}
