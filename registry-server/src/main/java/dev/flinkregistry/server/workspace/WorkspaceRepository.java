package dev.flinkregistry.server.workspace;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Workspaces by name. */
interface WorkspaceRepository extends JpaRepository<Workspace, Long> {

    Optional<Workspace> findByName(String name);

    List<Workspace> findAllByOrderByNameAsc();
}
