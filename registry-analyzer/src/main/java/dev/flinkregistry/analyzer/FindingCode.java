package dev.flinkregistry.analyzer;

/** Every code a finding can carry, with its severity. The names are a stable contract. */
public enum FindingCode {
    /** The file is not a ZIP archive at all (an HTML error page, a text file, …). */
    ARCHIVE_NOT_ZIP(Severity.ERROR),
    /** The file starts like a ZIP archive but its directory is missing or damaged (cut short). */
    ARCHIVE_TRUNCATED(Severity.ERROR),
    /** More entries than the configured limit. */
    ARCHIVE_TOO_MANY_ENTRIES(Severity.ERROR),
    /** The entries inflate to more than the configured limit. */
    ARCHIVE_TOO_LARGE_INFLATED(Severity.ERROR),
    /** An entry inflates far more than real class files or resources do: a zip bomb. */
    ARCHIVE_COMPRESSION_RATIO(Severity.ERROR),
    /** An entry name that escapes the extraction directory ({@code ../}, absolute, drive letter). */
    ARCHIVE_UNSAFE_ENTRY_NAME(Severity.ERROR),
    /** No {@code META-INF/services/org.apache.flink.table.factories.Factory}, or it names nothing. */
    NO_FACTORY_SERVICES(Severity.ERROR),
    /** None of the declared factories loaded. */
    NO_LOADABLE_FACTORY(Severity.ERROR),
    /**
     * A factory class that loads and describes itself is in the JAR but not declared, so Flink never
     * finds it. Only for classes Flink could use: declaring one that cannot load would make Flink's
     * discovery fail for every identifier.
     */
    FACTORY_NOT_DECLARED(Severity.WARNING),
    /**
     * A declared factory whose class cannot be loaded ({@code NoClassDefFoundError}), which Flink's
     * discovery skips: it is not offered, and the JAR's other factories still work.
     */
    FACTORY_SKIPPED_BY_FLINK(Severity.WARNING),
    /**
     * No Flink factory, but services of another interface: the JAR plugs into another component's
     * own extension point (a JDBC dialect, a format's plug-in), so it works only beside that component.
     */
    FOREIGN_SPI_PLUGIN(Severity.WARNING),
    /** A legacy {@code TableFactory} services file, which Flink's SQL DDL no longer reads. */
    LEGACY_TABLE_FACTORY(Severity.WARNING),
    /**
     * Two factories of the JAR answer to the same identifier for the same discovery interface. Flink
     * fails only the statements that look that pair up, so exactly that pair is unusable (neither
     * offered nor claimed); it does not refuse the JAR, whose other identifiers register.
     */
    DUPLICATE_IDENTIFIER(Severity.ERROR),
    /** A factory answers to an identifier the target Flink distribution already ships. */
    BUILTIN_IDENTIFIER(Severity.ERROR),
    /** Class files compiled for a newer Java than the target Flink version runs on. */
    CLASS_VERSION_TOO_NEW(Severity.ERROR),
    /**
     * Bundles classes Flink itself ships. Flink loads {@code org.apache.flink.*} parent first, so
     * its own copies win and these are shadowed, never used: a warning (declare them provided).
     */
    RUNTIME_CLASSES_BUNDLED(Severity.WARNING),
    /** Bundles Flink's shaded libraries ({@code org.apache.flink.shaded}), which Flink loads parent first. */
    SHADED_RUNTIME_CLASSES_BUNDLED(Severity.WARNING),
    /** Bundles a common library (Guava, Jackson, commons-*, …) without relocating it. */
    UNRELOCATED_LIBRARY(Severity.WARNING),
    /** References Flink classes the target version does not have. */
    FLINK_API_NOT_IN_TARGET(Severity.WARNING),
    /**
     * Built for another major Flink version than the target (1.x on 2.x or back): APIs were removed
     * between them. One rule whether the version is declared (Maven descriptor, manifest) or inferred
     * from the Flink classes the JAR references: a warning, because Flink loads such a JAR when its
     * factories load (whether they do decides the verdict); its runtime code may still need the other
     * version's API ({@link #FLINK_API_NOT_IN_TARGET} lists what it references and the target lacks).
     */
    BUILT_FOR_OTHER_FLINK_MAJOR(Severity.WARNING),
    /** Built for a newer minor Flink version than the target: it may use API the target lacks. */
    BUILT_FOR_NEWER_FLINK(Severity.WARNING),
    /** A factory's class is declared but is neither in the JAR nor in Flink. */
    FACTORY_CLASS_MISSING(Severity.ERROR),
    /** A declared class does not implement {@code org.apache.flink.table.factories.Factory}. */
    FACTORY_NOT_A_FACTORY(Severity.ERROR),
    /** A declared factory is abstract, not public, or lacks a public no-argument constructor. */
    FACTORY_NOT_INSTANTIABLE(Severity.ERROR),
    /** {@code factoryIdentifier()} returned nothing. */
    FACTORY_IDENTIFIER_EMPTY(Severity.ERROR),
    /** A factory needs a Flink class the target version does not have. */
    FACTORY_FLINK_API_MISSING(Severity.ERROR),
    /** A factory needs a class that is neither in the JAR nor in Flink. */
    FACTORY_DEPENDENCY_MISSING(Severity.ERROR),
    /** A factory's classes are compiled for a newer Java than the engine runs. */
    FACTORY_CLASS_VERSION_TOO_NEW(Severity.ERROR),
    /**
     * A factory's classes need a Java the target Flink version runs on but the analysis worker's
     * Java cannot load: an installation limit (configure a newer Java for the worker), not a fault of the JAR.
     */
    WORKER_JAVA_TOO_OLD(Severity.ERROR),
    /** A factory calls Flink API that changed in the target version. */
    FACTORY_FLINK_API_INCOMPATIBLE(Severity.ERROR),
    /** A factory's static initialiser threw. */
    FACTORY_STATIC_INIT_FAILED(Severity.ERROR),
    /** A factory method (identifier, options) threw. */
    FACTORY_METHOD_FAILED(Severity.ERROR),
    /** Loading a factory did not finish within the time limit. */
    WORKER_TIMEOUT(Severity.ERROR),
    /** Loading a factory exhausted the analysis memory limit. */
    WORKER_OUT_OF_MEMORY(Severity.ERROR),
    /** Loading a factory ended the analysis process (for example with {@code System.exit}). */
    WORKER_EXITED(Severity.ERROR),
    /** The analysis process could not run (a problem of this installation, not of the JAR). */
    WORKER_FAILED(Severity.ERROR),
    /**
     * The worker reported something the static scan contradicts: a factory for a class this analysis
     * did not ask about, that is not in the JAR or whose class hierarchy shows it is not a factory (or
     * not the kind it claims), or a report larger than the analysis reads. The JAR's code wrote it.
     */
    WORKER_REPORT_REJECTED(Severity.ERROR),
    /** The services file is larger than the analysis reads (Flink reads it whole). */
    SERVICES_FILE_TOO_LARGE(Severity.ERROR),
    /** More factory classes, declared and undeclared together, than the analysis loads. */
    TOO_MANY_FACTORIES(Severity.ERROR);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** The codes a worker may give a factory's failure; any other it gives becomes {@link #FACTORY_METHOD_FAILED}. */
    static final java.util.Set<FindingCode> WORKER_FAILURES = java.util.EnumSet.of(FACTORY_CLASS_MISSING,
            FACTORY_NOT_A_FACTORY, FACTORY_NOT_INSTANTIABLE, FACTORY_IDENTIFIER_EMPTY, FACTORY_STATIC_INIT_FAILED,
            FACTORY_DEPENDENCY_MISSING, FACTORY_FLINK_API_MISSING, FACTORY_FLINK_API_INCOMPATIBLE,
            FACTORY_CLASS_VERSION_TOO_NEW, FACTORY_METHOD_FAILED, WORKER_JAVA_TOO_OLD);

    /**
     * Whether the finding refuses the JAR: every error, except those that make one (family,
     * identifier) pair unusable and leave the rest of the JAR usable ({@link #DUPLICATE_IDENTIFIER}).
     */
    public static boolean refuses(Finding finding) {
        return finding.severity() == Severity.ERROR && !DUPLICATE_IDENTIFIER.name().equals(finding.code());
    }

    /**
     * Errors a workspace admin may never accept on purpose (DESIGN rule 2): the archive is unsafe to
     * open, the sandbox could not judge the JAR (so nothing is known about what it would do), no
     * declared factory loads (nothing to offer), or an identifier belongs to the Flink distribution.
     */
    private static final java.util.Set<FindingCode> NEVER_ACCEPTABLE = java.util.EnumSet.of(ARCHIVE_NOT_ZIP,
            ARCHIVE_TRUNCATED, ARCHIVE_TOO_MANY_ENTRIES, ARCHIVE_TOO_LARGE_INFLATED, ARCHIVE_COMPRESSION_RATIO,
            ARCHIVE_UNSAFE_ENTRY_NAME, WORKER_TIMEOUT, WORKER_OUT_OF_MEMORY, WORKER_EXITED, WORKER_FAILED,
            WORKER_REPORT_REJECTED, WORKER_JAVA_TOO_OLD, SERVICES_FILE_TOO_LARGE, TOO_MANY_FACTORIES,
            NO_LOADABLE_FACTORY, NO_FACTORY_SERVICES, BUILTIN_IDENTIFIER);

    /**
     * Whether a workspace admin may register a JAR despite findings of this code, because a team
     * cannot rebuild a third-party release: errors that refuse a JAR, except those that can never be
     * accepted (archive safety, the sandbox, no loadable factory, built-in identifiers). Warnings and
     * {@link #DUPLICATE_IDENTIFIER} refuse nothing, so there is nothing to accept.
     */
    public boolean acceptable() {
        return severity == Severity.ERROR && this != DUPLICATE_IDENTIFIER && !NEVER_ACCEPTABLE.contains(this);
    }

    /** Whether findings with this code may be accepted ({@link #acceptable()}); false for a code not known here. */
    public static boolean acceptable(String code) {
        try {
            return valueOf(code).acceptable();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return false;
        }
    }

    /** The code for a name, e.g. from the worker; unknown names map to {@link #FACTORY_METHOD_FAILED}. */
    static FindingCode byName(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return FACTORY_METHOD_FAILED;
        }
    }
}
