package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * What the static scan says about a JAR attached to a connector as a dependency (a driver, a client
 * library): whether it is a safe, readable archive, and which Flink factories it declares. No code of
 * it runs; it needs no factory of its own.
 *
 * @param findings archive-safety findings (not a ZIP, zip bomb, unsafe entry names, too many entries); any refuses it
 * @param declaredFactories classes its {@code META-INF/services/…Factory} file lists (usually none)
 * @param entries how many entries it has
 * @param classNames the binary names of the classes it holds ({@code org.postgresql.Driver}), for an
 *     index of which JAR supplies which class; empty when it is not a safe archive
 */
public record DependencyCheck(List<Finding> findings, List<String> declaredFactories, int entries,
                              List<String> classNames) {

    public DependencyCheck {
        findings = List.copyOf(findings);
        declaredFactories = List.copyOf(declaredFactories);
        classNames = List.copyOf(classNames);
    }

    /** Whether the archive may be attached: safe and readable. */
    public boolean safe() {
        return findings.isEmpty();
    }
}
