package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.FactoryFailure;
import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.JarAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a factory that misses a class which registered dependency JAR of the workspace holds it:
 * an index of the classes of every stored dependency JAR ({@code dependency_class}), written once per
 * digest, and a look-up that adds "attach X" to the failure and its finding.
 */
@Component
class DependencyHints {

    private static final Pattern NEEDS_CLASS = Pattern.compile("needs class ([\\w.$]+)");
    private static final int MAX_SUPPLIERS = 3;
    private static final int BATCH = 1_000;
    /** The length of {@code dependency_class.class_name}. */
    static final int MAX_NAME = 1_024;
    private static final Pattern CLASS_NAME = Pattern.compile("[^\\s/;\\[]+");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separate;

    DependencyHints(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A registered dependency JAR that holds a class: its file name and the version it travels with. */
    record Supplier(String fileName, String sha256, String connector, int version) {}

    /**
     * Records which classes the JAR holds, unless they are recorded already; in a transaction of its own.
     * A name longer than the column ({@value #MAX_NAME} characters) or that is no binary class name is
     * skipped: no class-not-found message could name it usefully, and it must not keep the others out.
     * Only a duplicate key means a rival request indexing the same digest at the same moment won; any
     * other failure is the database's and is not hidden.
     */
    void index(String sha256, List<String> classNames) {
        List<String> names = classNames.stream().filter(DependencyHints::indexable).distinct().toList();
        if (names.isEmpty() || jdbc.queryForObject(
                "select count(*) from dependency_class where sha256 = ?", Integer.class, sha256) > 0) {
            return;
        }
        try {
            separate.executeWithoutResult(status -> {
                for (int from = 0; from < names.size(); from += BATCH) {
                    List<Object[]> rows = names.subList(from, Math.min(names.size(), from + BATCH)).stream()
                            .map(name -> new Object[] {sha256, name}).toList();
                    jdbc.batchUpdate("insert into dependency_class (sha256, class_name) values (?, ?)", rows);
                }
            });
        } catch (DuplicateKeyException indexedByARivalRequest) {
            // The same digest's classes, recorded by the other request.
        }
    }

    /** Forgets the classes of a digest whose bytes the blob collector deletes (in the collector's transaction). */
    void forget(String sha256) {
        jdbc.update("delete from dependency_class where sha256 = ?", sha256);
    }

    private static boolean indexable(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME && CLASS_NAME.matcher(name).matches();
    }

    /** The dependency JARs some version of the workspace carries that hold the class, oldest first. */
    List<Supplier> suppliers(long workspaceId, String className) {
        return jdbc.query("select d.file_name, d.sha256, c.name, v.version from dependency_class k "
                        + "join version_dependency d on d.sha256 = k.sha256 "
                        + "join connector_version v on v.id = d.version_id join connector c on c.id = v.connector_id "
                        + "where c.workspace_id = ? and k.class_name = ? order by d.id",
                (rs, row) -> new Supplier(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                workspaceId, className).stream().limit(MAX_SUPPLIERS).toList();
    }

    /**
     * The analysis, with each factory that misses a class a registered dependency JAR holds told so, in
     * its failure and in its finding; unchanged when the registry cannot tell.
     */
    JarAnalysis withHints(long workspaceId, JarAnalysis analysis) {
        Map<String, String> hints = new LinkedHashMap<>();
        for (FactoryReport factory : analysis.factories()) {
            FactoryFailure failure = factory.failure();
            if (failure == null || !FindingCode.FACTORY_DEPENDENCY_MISSING.name().equals(failure.code())) {
                continue;
            }
            Matcher needs = NEEDS_CLASS.matcher(failure.message());
            if (needs.find() && !hints.containsKey(needs.group(1))) {
                List<Supplier> found = suppliers(workspaceId, needs.group(1));
                if (!found.isEmpty()) {
                    hints.put(needs.group(1), hint(found));
                }
            }
        }
        if (hints.isEmpty()) {
            return analysis;
        }
        List<FactoryReport> factories = new ArrayList<>();
        for (FactoryReport f : analysis.factories()) {
            FactoryFailure failure = f.failure();
            String hint = failure == null ? null : hintFor(failure.message(), hints);
            factories.add(hint == null ? f : new FactoryReport(f.className(), f.declared(), f.identifier(), f.families(),
                    f.capabilities(), f.discovery(), f.options(), new FactoryFailure(failure.code(),
                            failure.message() + hint, failure.exception(), failure.stackTrace(),
                            failure.skippedByFlink())));
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            String hint = FindingCode.FACTORY_DEPENDENCY_MISSING.name().equals(finding.code())
                    ? hintFor(finding.message(), hints) : null;
            findings.add(hint == null ? finding : new Finding(finding.code(), finding.severity(),
                    finding.message() + hint, finding.subject(), finding.details()));
        }
        return new JarAnalysis(analysis.flinkVersion(), analysis.flinkRelease(), analysis.jar(), analysis.builtFor(),
                factories, findings, analysis.accepted(), analysis.durationMillis(), analysis.workerPeakRssKiB(),
                analysis.phases());
    }

    private static String hintFor(String message, Map<String, String> hints) {
        Matcher needs = NEEDS_CLASS.matcher(message);
        return needs.find() ? hints.get(needs.group(1)) : null;
    }

    private static String hint(List<Supplier> found) {
        Supplier first = found.get(0);
        return " The registry holds it in the dependency JAR " + first.fileName() + " (sha256 " + first.sha256()
                + ", attached to " + first.connector() + " version " + first.version()
                + "): attach that JAR to this connector as a dependency.";
    }
}
