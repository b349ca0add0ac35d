package dev.flinkregistry.analyzer.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts a factory into the families Flink discovers factories by, and the capabilities each
 * family implies. Interfaces a Flink version lacks are skipped, so one list serves 1.x and 2.x.
 */
final class FactoryFamilies {

    private record Kind(String interfaceName, String family, String capability) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("org.apache.flink.table.factories.DynamicTableSourceFactory", "table-connector", "source"),
            new Kind("org.apache.flink.table.factories.DynamicTableSinkFactory", "table-connector", "sink"),
            new Kind("org.apache.flink.table.factories.DecodingFormatFactory", "decoding-format", "decoding"),
            new Kind("org.apache.flink.table.factories.EncodingFormatFactory", "encoding-format", "encoding"),
            new Kind("org.apache.flink.table.factories.CatalogFactory", "catalog", "catalog"),
            new Kind("org.apache.flink.table.factories.CatalogStoreFactory", "catalog-store", "catalog-store"),
            new Kind("org.apache.flink.table.factories.ModuleFactory", "module", "module"),
            new Kind("org.apache.flink.table.factories.ModelProviderFactory", "model-provider", "model-provider"),
            new Kind("org.apache.flink.table.factories.WorkflowSchedulerFactory", "workflow-scheduler", "workflow-scheduler"),
            new Kind("org.apache.flink.table.factories.ManagedTableFactory", "managed-table", "managed-table"),
            new Kind("org.apache.flink.table.delegation.ExecutorFactory", "executor", "executor"),
            new Kind("org.apache.flink.table.delegation.PlannerFactory", "planner", "planner"));

    /**
     * The interfaces Flink's discovery asks for: two factories of one JAR that share one of these
     * and an identifier make Flink fail with "Multiple factories for identifier".
     */
    private static final List<String> DISCOVERY = List.of(
            "org.apache.flink.table.factories.DynamicTableSourceFactory",
            "org.apache.flink.table.factories.DynamicTableSinkFactory",
            "org.apache.flink.table.factories.DeserializationFormatFactory",
            "org.apache.flink.table.factories.SerializationFormatFactory",
            "org.apache.flink.connector.file.table.factories.BulkReaderFormatFactory",
            "org.apache.flink.connector.file.table.factories.BulkWriterFormatFactory",
            "org.apache.flink.table.factories.CatalogFactory",
            "org.apache.flink.table.factories.CatalogStoreFactory",
            "org.apache.flink.table.factories.ModuleFactory",
            "org.apache.flink.table.factories.ModelProviderFactory",
            "org.apache.flink.table.factories.WorkflowSchedulerFactory",
            "org.apache.flink.table.factories.ManagedTableFactory",
            "org.apache.flink.table.delegation.ExecutorFactory",
            "org.apache.flink.table.delegation.PlannerFactory");

    static final String LEGACY_TABLE_FACTORY = "org.apache.flink.table.factories.TableFactory";

    /** The family of factories that implement none of the known interfaces. */
    static final String OTHER = "other";

    private final List<Class<?>> interfaces = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<Class<?>> discovery = new ArrayList<>();
    /** Flink 1.x's legacy factory interface, or null where it is gone (2.x). */
    private final Class<?> legacyTableFactory;

    FactoryFamilies(ClassLoader flinkClassLoader) {
        Class<?> legacy;
        try {
            legacy = Class.forName(LEGACY_TABLE_FACTORY, false, flinkClassLoader);
        } catch (ClassNotFoundException | LinkageError removedInFlink2) {
            legacy = null;
        }
        this.legacyTableFactory = legacy;
        for (Kind kind : KINDS) {
            try {
                interfaces.add(Class.forName(kind.interfaceName(), false, flinkClassLoader));
                kinds.add(kind);
            } catch (ClassNotFoundException | LinkageError absentInThisVersion) {
                // This Flink version does not define the family.
            }
        }
        for (String name : DISCOVERY) {
            try {
                discovery.add(Class.forName(name, false, flinkClassLoader));
            } catch (ClassNotFoundException | LinkageError absentInThisVersion) {
                // Not in this Flink version.
            }
        }
    }

    /**
     * For a class declared only in the legacy {@code TableFactory} services file: {@code catalog} or
     * {@code module} when Flink 1.x's {@code TableFactoryService} can find it as one (it is a legacy
     * {@code TableFactory} and a catalog or module factory), else null.
     */
    String legacyFamilyOf(Class<?> factoryClass) {
        if (legacyTableFactory == null || !legacyTableFactory.isAssignableFrom(factoryClass)) {
            return null;
        }
        for (int i = 0; i < kinds.size(); i++) {
            String family = kinds.get(i).family();
            if (("catalog".equals(family) || "module".equals(family)) && interfaces.get(i).isAssignableFrom(factoryClass)) {
                return family;
            }
        }
        return null;
    }

    /** A legacy factory's {@code requiredContext()}, which names its {@code type}. */
    @SuppressWarnings("unchecked")
    Map<String, String> legacyContext(Object factory) throws ReflectiveOperationException {
        return (Map<String, String>) legacyTableFactory.getMethod("requiredContext").invoke(factory);
    }

    /** A legacy factory's {@code supportedProperties()}. */
    @SuppressWarnings("unchecked")
    List<String> legacyProperties(Object factory) throws ReflectiveOperationException {
        List<String> properties = (List<String>) legacyTableFactory.getMethod("supportedProperties").invoke(factory);
        return properties == null ? List.of() : properties;
    }

    /** The discovery interfaces (simple names) the factory class can be found by. */
    List<String> discoveryOf(Class<?> factoryClass) {
        List<String> names = new ArrayList<>();
        for (Class<?> candidate : discovery) {
            if (candidate.isAssignableFrom(factoryClass)) {
                names.add(candidate.getSimpleName());
            }
        }
        return names;
    }

    /** The families the factory class belongs to, in a stable order. */
    List<String> familiesOf(Class<?> factoryClass) {
        Set<String> families = new LinkedHashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (interfaces.get(i).isAssignableFrom(factoryClass)) {
                families.add(kinds.get(i).family());
            }
        }
        if (families.isEmpty()) {
            families.add(OTHER);
        }
        return List.copyOf(families);
    }

    /** The capabilities the factory class offers (source, sink, decoding, …), in a stable order. */
    List<String> capabilitiesOf(Class<?> factoryClass) {
        Set<String> capabilities = new LinkedHashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (interfaces.get(i).isAssignableFrom(factoryClass)) {
                capabilities.add(kinds.get(i).capability());
            }
        }
        return List.copyOf(capabilities);
    }
}
