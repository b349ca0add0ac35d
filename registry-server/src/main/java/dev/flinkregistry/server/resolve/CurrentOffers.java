package dev.flinkregistry.server.resolve;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.server.changes.ChangeTopic;
import dev.flinkregistry.server.changes.ChangesElsewhere;
import dev.flinkregistry.server.connector.ConnectorsChanged;
import dev.flinkregistry.server.connector.Offer;
import dev.flinkregistry.server.connector.OfferQueries;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the current versions offer, as resolve and validate ask it on every job submission:
 * answers are reused for a short time and forgotten when any change commits, on this replica or
 * (through the change feed) on another.
 */
@Service
public class CurrentOffers {

    private final OfferQueries queries;
    private final OffersCache cache;

    CurrentOffers(OfferQueries queries, ResolveProperties properties) {
        this.queries = queries;
        this.cache = new OffersCache(properties.cacheTtl());
    }

    /** What the workspace's current versions offer for these identifiers, in any family. */
    public List<Offer> offers(long workspaceId, Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return cache.get(workspaceId, identifiers, () -> queries.currentOffers(workspaceId, identifiers));
    }

    /** The factory a connector's current version offers for (family, identifier), from its analysis. */
    public Optional<FactoryReport> factory(long workspaceId, String family, String identifier) {
        return offers(workspaceId, List.of(identifier)).stream()
                .filter(o -> o.family().equals(family)).findFirst()
                .flatMap(queries::factoryOf);
    }

    /** After the change commits (or at once, outside a transaction), no earlier answer is reused. */
    @TransactionalEventListener(fallbackExecution = true)
    void forget(ConnectorsChanged change) {
        cache.invalidate();
    }

    /** Another replica committed a change (or this one may have missed some while its feed was down). */
    @EventListener
    void forget(ChangesElsewhere changes) {
        if (changes.concerns(ChangeTopic.CONNECTORS)) {
            cache.invalidate();
        }
    }
}
