package dev.flinkregistry.client;

import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery.Wanted;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.sql.FlinkSqlScanner;
import dev.flinkregistry.sql.RequiredIdentifier;
import dev.flinkregistry.sql.SqlScanException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves what a job wants as a server does: each (identifier, family) pair to the current version
 * that offers the identifier in a family that answers the lookup ({@code format} is answered by a
 * decoding or an encoding format, no family by any), else to what Flink ships, else it is unresolved.
 */
final class InMemoryResolver {

    /** One (family, identifier) a connector's current version offers, with that version's bytes. */
    record Offer(IdentifierRef ref, String connector, int version, String sha256, long size) {}

    /** What the pairs resolved to; {@code jars} has each JAR once. */
    record Match(List<Resolution.Resolved> resolved, List<Resolution.Jar> jars, List<Resolution.BuiltIn> builtIn) {}

    private static final String ANY = "any";

    private final String flinkVersion;

    InMemoryResolver(String flinkVersion) {
        this.flinkVersion = flinkVersion;
    }

    /**
     * The (identifier, family) pairs asked for and those the script needs, in that order, each once
     * (a blank family is none); refused when there are none or the script cannot be read.
     */
    Set<Wanted> wanted(ResolveQuery query) {
        checkLimits(query);
        Set<Wanted> wanted = new LinkedHashSet<>();
        if (query.identifiers() != null) {
            for (Wanted one : query.identifiers()) {
                if (one.identifier() == null || one.identifier().isBlank()) {
                    throw InMemoryProblems.invalidRequest("identifiers[].identifier: must not be blank");
                }
                boolean noFamily = one.family() == null || one.family().isBlank();
                wanted.add(new Wanted(one.identifier(), noFamily ? null : one.family()));
            }
        }
        if (query.sql() != null && !query.sql().isBlank()) {
            for (RequiredIdentifier required : required(query.sql())) {
                wanted.add(new Wanted(required.identifier(), required.family().wireName()));
            }
        }
        if (wanted.isEmpty()) {
            throw InMemoryProblems.nothingToResolve();
        }
        return wanted;
    }

    /**
     * Matches each pair against the current offers (ordered by identifier, then family, so the first
     * that answers wins as on a server) and Flink's own identifiers; refused when any is left.
     */
    Match match(Set<Wanted> wanted, List<Offer> offers) {
        List<Resolution.Resolved> resolved = new ArrayList<>();
        Map<String, Resolution.Jar> jars = new LinkedHashMap<>();
        List<Resolution.BuiltIn> builtIn = new ArrayList<>();
        List<Map<String, String>> unresolved = new ArrayList<>();
        for (Wanted one : wanted) {
            String family = one.family() == null ? ANY : one.family();
            Offer offer = offers.stream().filter(o -> o.ref().identifier().equals(one.identifier())
                    && matches(one.family(), o.ref().family())).findFirst().orElse(null);
            if (offer != null) {
                String url = "memory:" + offer.sha256();
                resolved.add(new Resolution.Resolved(one.identifier(), offer.ref().family(), offer.connector(),
                        offer.version(), offer.sha256(), offer.size(), url));
                jars.putIfAbsent(offer.sha256(), new Resolution.Jar(offer.connector(), offer.version(), offer.sha256(),
                        offer.size(), url));
            } else if (BuiltInIdentifiers.familiesOf(flinkVersion, one.identifier()).stream()
                    .anyMatch(f -> matches(one.family(), f.wireName()))) {
                builtIn.add(new Resolution.BuiltIn(one.identifier(), family));
            } else {
                unresolved.add(Map.of("identifier", one.identifier(), "family", family));
            }
        }
        if (!unresolved.isEmpty()) {
            throw InMemoryProblems.unresolved(unresolved);
        }
        return new Match(resolved, List.copyOf(jars.values()), builtIn);
    }

    /** The limits a server's request validation sets. */
    private static void checkLimits(ResolveQuery query) {
        if (query.identifiers() != null && query.identifiers().size() > 200) {
            throw InMemoryProblems.invalidRequest("identifiers: size must be between 0 and 200");
        }
        if (query.jobId() != null && query.jobId().length() > 256) {
            throw InMemoryProblems.invalidRequest("jobId: size must be between 0 and 256");
        }
        if (query.leaseSeconds() != null && (query.leaseSeconds() < 1 || query.leaseSeconds() > 31_536_000)) {
            throw InMemoryProblems.invalidRequest("leaseSeconds: must be from 1 to 31536000 (a year)");
        }
    }

    /** Whether a factory offered in {@code offered} answers a lookup in {@code wanted}; an unknown family matches none. */
    static boolean matches(String wanted, String offered) {
        if (wanted == null) {
            return true;
        }
        return Family.fromWireName(wanted).flatMap(asked -> Family.fromWireName(offered).map(asked::satisfiedBy))
                .orElse(false);
    }

    private static List<RequiredIdentifier> required(String sql) {
        try {
            return FlinkSqlScanner.requiredIdentifiers(sql);
        } catch (SqlScanException e) {
            throw InMemoryProblems.invalidSql(e);
        }
    }
}
