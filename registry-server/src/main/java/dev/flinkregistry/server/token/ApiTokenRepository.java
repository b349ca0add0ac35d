package dev.flinkregistry.server.token;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** API tokens by hash, by creator and by workspace. */
interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findBySecretHash(String secretHash);

    boolean existsByName(String name);

    @Query("select t from ApiToken t where t.createdBy = :principal or t.workspaceId in :workspaces order by t.id")
    List<ApiToken> visibleTo(String principal, Collection<Long> workspaces);

    List<ApiToken> findAllByOrderByIdAsc();

    @Modifying
    @Query("update ApiToken t set t.lastUsedAt = :when where t.id = :id")
    int markUsed(long id, Instant when);
}
