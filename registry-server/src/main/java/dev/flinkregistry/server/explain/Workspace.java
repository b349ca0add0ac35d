package dev.flinkregistry.server.explain;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.server.connector.DependencyCarrier;
import dev.flinkregistry.server.connector.ProvidedBy;
import dev.flinkregistry.server.connector.ProviderQueries;
import dev.flinkregistry.server.connector.Views.VersionView;
import dev.flinkregistry.server.explain.Explanation.ExplainProvider;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one explain request knows of its workspace: the Flink release's built-in factories and the
 * registered versions, whose analyses it reads at most once each.
 */
final class Workspace {

    final WorkspaceInfo info;
    final String flinkRelease;
    final List<FactoryReport> builtins;
    final ProviderQueries queries;
    private final String baseUrl;
    private final Map<Long, Optional<JarAnalysis>> analyses = new HashMap<>();
    private List<ProvidedBy> versions;

    Workspace(WorkspaceInfo info, String flinkRelease, List<FactoryReport> builtins, ProviderQueries queries,
              String baseUrl) {
        this.info = info;
        this.flinkRelease = flinkRelease;
        this.builtins = builtins;
        this.queries = queries;
        this.baseUrl = baseUrl;
    }

    Optional<JarAnalysis> analysis(long versionId) {
        return analyses.computeIfAbsent(versionId, queries::analysis);
    }

    /**
     * The two steps that put one version's JAR on a job's class path: download its pinned bytes (the
     * address needs a token unless anonymous reading is on, so Flink cannot read it itself), then
     * {@code ADD JAR} the file.
     */
    List<String> addJar(ProvidedBy version) {
        String file = version.connector() + "-" + version.version() + ".jar";
        return List.of("curl -fsS -H \"Authorization: Bearer $FCR_TOKEN\" -o " + file + " '" + url(version.sha256())
                        + "'    # sha256 " + version.sha256(),
                "ADD JAR '/path/to/" + file + "';");
    }

    /** The pinned download address of a version's bytes. */
    String url(String sha256) {
        return baseUrl + VersionView.downloadPathOf(info.name(), sha256);
    }

    ExplainProvider provider(ProvidedBy by) {
        Optional<JarAnalysis> analysis = analysis(by.versionId());
        String analysedFor = analysis.map(JarAnalysis::flinkVersion).orElse(info.flinkVersion());
        String builtFor = analysis.map(JarAnalysis::builtFor).map(b -> b.flinkVersion()).orElse(null);
        return new ExplainProvider(by.connector(), by.version(), by.current(), by.family(), by.className(),
                analysedFor, builtFor, analysedFor.equals(info.flinkVersion()), by.sha256(), by.size(), url(by.sha256()),
                null);
    }

    /** A version that carries a dependency JAR holding the class: the entry names and addresses that JAR. */
    ExplainProvider provider(DependencyCarrier carrier) {
        ExplainProvider version = provider(carrier.version());
        return new ExplainProvider(version.connector(), version.version(), version.current(), null,
                carrier.version().className(), version.flinkVersion(), version.builtFor(), version.suitable(),
                carrier.sha256(), carrier.size(), url(carrier.sha256()), carrier.fileName());
    }

    /** The workspace's versions, read once per request (class look-ups ask about them for every class). */
    List<ProvidedBy> versions() {
        if (versions == null) {
            versions = queries.versions(info.id());
        }
        return versions;
    }

    /** One entry per version (a format offers the same version as decoding and encoding format), in order. */
    List<ExplainProvider> providers(List<ProvidedBy> versions) {
        Map<Long, ProvidedBy> once = new LinkedHashMap<>();
        versions.forEach(v -> once.putIfAbsent(v.versionId(), v));
        return once.values().stream().map(this::provider).toList();
    }

    /** The factory a version declares for (family, identifier), from its analysis. */
    Optional<FactoryReport> factory(long versionId, String family, String identifier) {
        return analysis(versionId).stream().flatMap(a -> a.loadedFactories().stream())
                .filter(f -> identifier.equals(f.identifier()) && (family == null || f.families().contains(family)))
                .findFirst();
    }

    /** Built-in factories of the workspace's Flink release for the identifier in the family (null: any). */
    List<FactoryReport> builtin(String family, String identifier) {
        return builtins.stream().filter(b -> identifier.equals(b.identifier())
                && b.families().stream().anyMatch(f -> familyMatches(family, f))).toList();
    }

    /** {@code format} matches decoding and encoding formats; no family matches any. */
    static boolean familyMatches(String wanted, String offered) {
        if (wanted == null) {
            return true;
        }
        return Family.fromWireName(wanted)
                .flatMap(asked -> Family.fromWireName(offered).map(asked::satisfiedBy))
                .orElse(false);
    }
}
