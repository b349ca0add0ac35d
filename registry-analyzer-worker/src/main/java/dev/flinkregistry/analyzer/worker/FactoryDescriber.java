package dev.flinkregistry.analyzer.worker;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.factories.FormatFactory;

/** Loads one factory class as Flink's service discovery would and describes what it declares. */
final class FactoryDescriber {

    private static final String LOADING = "loading the class";

    private final ClassLoader userLoader;
    private final FactoryFamilies families;
    private final OptionDescriber options = new OptionDescriber();
    private final FailureExplainer explainer;

    FactoryDescriber(ClassLoader userLoader, ClassLoader flinkLoader, String flinkVersion, int maxJava) {
        this.userLoader = userLoader;
        this.families = new FactoryFamilies(flinkLoader);
        this.explainer = new FailureExplainer(flinkVersion, maxJava);
    }

    /** A {@code factory} event for a factory that loaded, or a {@code failure} event. */
    Map<String, Object> describe(String className) {
        String step = LOADING;
        try {
            Class<?> type = Class.forName(className, false, userLoader);
            if (!Factory.class.isAssignableFrom(type)) {
                return failure(className, "FACTORY_NOT_A_FACTORY",
                        "does not implement " + Factory.class.getName());
            }
            Constructor<?> constructor = publicNoArgConstructor(type);
            if (constructor == null) {
                return failure(className, "FACTORY_NOT_INSTANTIABLE",
                        "must be a public, concrete class with a public no-argument constructor");
            }
            step = "the constructor";
            Factory factory = (Factory) constructor.newInstance();
            step = "factoryIdentifier()";
            String identifier = factory.factoryIdentifier();
            if (identifier == null || identifier.isBlank()) {
                return failure(className, "FACTORY_IDENTIFIER_EMPTY", "factoryIdentifier() returned no identifier");
            }
            step = "requiredOptions()/optionalOptions()";
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "factory");
            event.put("class", className);
            event.put("identifier", identifier);
            event.put("families", families.familiesOf(type));
            event.put("capabilities", families.capabilitiesOf(type));
            event.put("discovery", families.discoveryOf(type));
            event.put("options", describeOptions(factory));
            return event;
        } catch (ClassNotFoundException e) {
            return failure(className, "FACTORY_CLASS_MISSING",
                    "is declared in META-INF/services but is neither in the JAR nor in Flink");
        } catch (Throwable e) { // NOPMD: anything a user's code throws is a finding, never a crash
            Map<String, Object> event = thrown(className, step, e);
            if (LOADING.equals(step) && e instanceof NoClassDefFoundError) {
                // Flink's discovery loads the class just so (ServiceLoader, not initialised) and skips
                // a provider that throws NoClassDefFoundError; anything else makes its discovery fail.
                event.put("skippedByFlink", true);
            }
            return event;
        }
    }

    /**
     * A class declared only in the legacy {@code TableFactory} services file, as Flink 1.x's
     * {@code TableFactoryService} finds it for {@code CREATE CATALOG} and {@code LOAD MODULE}: a
     * catalog or module factory, named by the {@code type} of its required context, with its
     * supported properties as options. Anything else there is not offered (a {@code failure} event).
     */
    Map<String, Object> describeLegacy(String className) {
        String step = LOADING;
        try {
            Class<?> type = Class.forName(className, false, userLoader);
            String family = families.legacyFamilyOf(type);
            if (family == null) {
                return failure(className, "FACTORY_NOT_A_FACTORY", "is declared only as a legacy TableFactory and "
                        + "is neither a catalog nor a module factory, the only kinds Flink 1.x still finds there");
            }
            Constructor<?> constructor = publicNoArgConstructor(type);
            if (constructor == null) {
                return failure(className, "FACTORY_NOT_INSTANTIABLE",
                        "must be a public, concrete class with a public no-argument constructor");
            }
            step = "the constructor";
            Object factory = constructor.newInstance();
            step = "requiredContext()";
            Map<String, String> context = families.legacyContext(factory);
            String identifier = context == null ? null : context.get("type");
            if (identifier == null || identifier.isBlank()) {
                return failure(className, "FACTORY_IDENTIFIER_EMPTY", "requiredContext() names no 'type'");
            }
            step = "supportedProperties()";
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "factory");
            event.put("class", className);
            event.put("identifier", identifier);
            event.put("families", List.of(family));
            event.put("capabilities", List.of(family));
            event.put("discovery", List.of("catalog".equals(family) ? "CatalogFactory" : "ModuleFactory"));
            event.put("options", options.describeLegacy(families.legacyProperties(factory)));
            return event;
        } catch (ClassNotFoundException e) {
            return failure(className, "FACTORY_CLASS_MISSING",
                    "is declared in the legacy TableFactory services file but is neither in the JAR nor in Flink");
        } catch (Throwable e) { // NOPMD: anything a user's code throws is a finding, never a crash
            return thrown(className, step, e);
        }
    }

    /** The {@code failure} event for what the class threw at this step (a reflective call's cause, unwrapped). */
    private Map<String, Object> thrown(String className, String step, Throwable e) {
        Throwable thrown = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
        Map<String, Object> event = explainer.explain(className, step, thrown);
        event.put("event", "failure");
        event.put("class", className);
        return reorder(event);
    }

    private List<Map<String, Object>> describeOptions(Factory factory) {
        Set<ConfigOption<?>> required = factory.requiredOptions();
        Set<ConfigOption<?>> optional = factory.optionalOptions();
        Collection<ConfigOption<?>> forwarded = forwardOptions(factory);
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        for (ConfigOption<?> option : nullSafe(optional)) {
            byKey.put(option.key(), options.describe(option, false, contains(forwarded, option)));
        }
        for (ConfigOption<?> option : nullSafe(forwarded)) {
            byKey.putIfAbsent(option.key(), options.describe(option, false, true));
        }
        for (ConfigOption<?> option : nullSafe(required)) {
            byKey.put(option.key(), options.describe(option, true, contains(forwarded, option)));
        }
        List<Map<String, Object>> described = new ArrayList<>(byKey.values());
        described.sort(Comparator.comparing(o -> (String) o.get("key")));
        return described;
    }

    /**
     * Declared by DynamicTableFactory and FormatFactory, not by Factory itself; called through those
     * interfaces, as Flink calls it: reflecting on the factory's own class would resolve every type
     * its methods name, which a factory may lack (an Iceberg catalog's Hadoop types) without Flink
     * ever noticing.
     */
    private static Collection<ConfigOption<?>> forwardOptions(Factory factory) {
        if (factory instanceof DynamicTableFactory table) {
            return table.forwardOptions();
        }
        if (factory instanceof FormatFactory format) {
            return format.forwardOptions();
        }
        return List.of();
    }

    private static boolean contains(Collection<ConfigOption<?>> options, ConfigOption<?> option) {
        for (ConfigOption<?> candidate : options) {
            if (candidate.key().equals(option.key())) {
                return true;
            }
        }
        return false;
    }

    private static <T> Collection<T> nullSafe(Collection<T> items) {
        return items == null ? List.of() : items;
    }

    private static Constructor<?> publicNoArgConstructor(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Map<String, Object> failure(String className, String code, String message) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "failure");
        event.put("class", className);
        event.put("code", code);
        event.put("message", message);
        return event;
    }

    private static Map<String, Object> reorder(Map<String, Object> event) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("event", event.remove("event"));
        ordered.put("class", event.remove("class"));
        ordered.putAll(event);
        return ordered;
    }
}
