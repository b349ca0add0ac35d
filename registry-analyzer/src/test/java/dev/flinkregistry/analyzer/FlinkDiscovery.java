package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What Flink itself does with a connector JAR in a job's class path, for the differential tests:
 * Flink's own {@code FactoryUtil.discoverFactories} over a class loader made by Flink's own
 * {@code FlinkUserCodeClassLoaders.childFirst} (with Flink's default parent-first patterns) whose
 * parent holds the real distribution JARs of that version. Everything Flink is reached by
 * reflection, in class loaders of their own, so one test JVM can ask Flink 1.20 and Flink 2.2.
 * This runs the JARs' code in the test JVM: only real releases from Maven Central are given to it.
 */
final class FlinkDiscovery {

    /** The interfaces Flink looks factories up by, by simple name, as the analyzer reports them. */
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

    /**
     * Flink's answer.
     *
     * @param discoveryFailure why discovery failed for the whole class path (Flink throws for every
     *     lookup), or null
     * @param usable the JAR's (interface, identifier) pairs a statement can use: discovered, unique
     *     among all factories (the distribution's included), and whose options Flink can read
     * @param unusable the JAR's other pairs, each with why
     * @param skipped declared providers Flink's discovery skipped, with the missing class
     * @param options per usable pair: the required keys, then all keys
     */
    record Result(String discoveryFailure, Set<String> usable, Map<String, String> unusable, List<String> skipped,
                  Map<String, List<Set<String>>> options) {

        /** Whether a job could use anything from the JAR: Flink's verdict. */
        boolean accepts() {
            return discoveryFailure == null && !usable.isEmpty();
        }
    }

    private FlinkDiscovery() {}

    static Result discover(FlinkRuntime runtime, Path jar) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader flink = new URLClassLoader(urls(runtime.workerLibrary()),
                ClassLoader.getPlatformClassLoader())) {
            ClassLoader user = childFirst(flink, jar);
            Thread.currentThread().setContextClassLoader(user);
            try {
                return discover(flink, user);
            } finally {
                if (user instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot ask Flink " + runtime.line() + " about " + jar, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Result discover(ClassLoader flink, ClassLoader user) throws ReflectiveOperationException {
        Class<?> factoryUtil = Class.forName("org.apache.flink.table.factories.FactoryUtil", true, flink);
        Method discoverFactories = factoryUtil.getDeclaredMethod("discoverFactories", ClassLoader.class);
        discoverFactories.setAccessible(true);
        List<?> factories;
        try {
            factories = (List<?>) discoverFactories.invoke(null, user);
        } catch (InvocationTargetException e) {
            return new Result(describe(e.getCause()), Set.of(), Map.of(), List.of(), Map.of());
        }
        List<Class<?>> interfaces = new ArrayList<>();
        for (String name : DISCOVERY) {
            try {
                interfaces.add(Class.forName(name, false, flink));
            } catch (ClassNotFoundException notInThisVersion) {
                // e.g. ModelProviderFactory exists only in newer versions.
            }
        }
        // Through the interfaces, as Flink calls them: a factory class's own methods may name classes it lacks.
        Class<?> factoryType = Class.forName("org.apache.flink.table.factories.Factory", false, flink);
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, Object> jarFactories = new TreeMap<>();
        for (Object factory : factories) {
            String identifier = (String) factoryType.getMethod("factoryIdentifier").invoke(factory);
            for (Class<?> type : interfaces) {
                if (type.isInstance(factory)) {
                    String pair = type.getSimpleName() + " " + identifier;
                    count.merge(pair, 1, Integer::sum);
                    if (factory.getClass().getClassLoader() == user) {
                        jarFactories.put(pair + " " + factory.getClass().getName(), factory);
                    }
                }
            }
        }
        Set<String> usable = new TreeSet<>();
        Map<String, String> unusable = new TreeMap<>();
        Map<String, List<Set<String>>> options = new TreeMap<>();
        for (Map.Entry<String, Object> entry : jarFactories.entrySet()) {
            String pair = entry.getKey().substring(0, entry.getKey().lastIndexOf(' '));
            if (count.get(pair) > 1) {
                unusable.put(pair, "Multiple factories for identifier");
                continue;
            }
            try {
                options.put(pair, options(flink, entry.getValue()));
                usable.add(pair);
            } catch (InvocationTargetException e) {
                unusable.put(pair, "its options cannot be read: " + describe(e.getCause()));
            }
        }
        legacy(flink, user, usable, unusable);
        return new Result(null, usable, unusable, skipped(user), options);
    }

    /**
     * On Flink 1.x, what {@code CREATE CATALOG} and {@code LOAD MODULE} also find: catalogs and modules
     * declared as legacy {@code TableFactory} services, through Flink's own {@code TableFactoryService},
     * by the {@code type} of their required context. Their options (legacy properties) are not compared.
     */
    private static void legacy(ClassLoader flink, ClassLoader user, Set<String> usable, Map<String, String> unusable)
            throws ReflectiveOperationException {
        Class<?> service;
        Class<?> tableFactory;
        try {
            // Flink 2 moved the legacy interface away, and its catalogs and modules no longer extend it.
            tableFactory = Class.forName("org.apache.flink.table.factories.TableFactory", false, flink);
            service = Class.forName("org.apache.flink.table.factories.TableFactoryService", true, flink);
        } catch (ClassNotFoundException removedInFlink2) {
            return;
        }
        Method discover = service.getDeclaredMethod("discoverFactories", java.util.Optional.class);
        discover.setAccessible(true);
        List<?> factories;
        try {
            factories = (List<?>) discover.invoke(null, java.util.Optional.of(user));
        } catch (InvocationTargetException e) {
            unusable.put("legacy TableFactory services", describe(e.getCause()));
            return;
        }
        for (String kind : List.of("CatalogFactory", "ModuleFactory")) {
            Class<?> type = Class.forName("org.apache.flink.table.factories." + kind, false, flink);
            for (Object factory : factories) {
                if (type.isInstance(factory) && factory.getClass().getClassLoader() == user) {
                    Map<?, ?> context = (Map<?, ?>) tableFactory.getMethod("requiredContext").invoke(factory);
                    Object identifier = context == null ? null : context.get("type");
                    if (identifier != null && !usable.contains(kind + " " + identifier)) {
                        usable.add(kind + " " + identifier);
                    }
                }
            }
        }
    }

    /** The keys of the factory's required options, then of all it declares (forwarded included). */
    private static List<Set<String>> options(ClassLoader flink, Object factory) throws ReflectiveOperationException {
        Class<?> factoryType = Class.forName("org.apache.flink.table.factories.Factory", false, flink);
        Set<String> required = keys((Collection<?>) factoryType.getMethod("requiredOptions").invoke(factory));
        Set<String> all = new TreeSet<>(required);
        all.addAll(keys((Collection<?>) factoryType.getMethod("optionalOptions").invoke(factory)));
        // Only table and format factories forward options.
        for (String forwarding : List.of("org.apache.flink.table.factories.DynamicTableFactory",
                "org.apache.flink.table.factories.FormatFactory")) {
            Class<?> type = Class.forName(forwarding, false, flink);
            if (type.isInstance(factory)) {
                all.addAll(keys((Collection<?>) type.getMethod("forwardOptions").invoke(factory)));
            }
        }
        return List.of(required, all);
    }

    private static Set<String> keys(Collection<?> options) throws ReflectiveOperationException {
        Set<String> keys = new TreeSet<>();
        if (options != null) {
            for (Object option : options) {
                keys.add((String) option.getClass().getMethod("key").invoke(option));
            }
        }
        return keys;
    }

    /** Providers Flink's loop skips: ServiceLoader's own iteration, as FactoryUtil runs it, keeping what it drops. */
    private static List<String> skipped(ClassLoader user) throws ReflectiveOperationException {
        Class<?> factory = Class.forName("org.apache.flink.table.factories.Factory", false, user);
        List<String> skipped = new ArrayList<>();
        var providers = java.util.ServiceLoader.load(factory, user).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                providers.next();
            } catch (NoClassDefFoundError e) {
                skipped.add(e.getMessage());
            } catch (Throwable e) { // NOPMD: discovery itself reported it already
                break;
            }
        }
        return skipped;
    }

    /** The class loader Flink gives a job's JARs: its own child-first loader, its own parent-first patterns. */
    private static ClassLoader childFirst(ClassLoader flink, Path jar) throws ReflectiveOperationException {
        Class<?> configuration = Class.forName("org.apache.flink.configuration.Configuration", true, flink);
        Class<?> coreOptions = Class.forName("org.apache.flink.configuration.CoreOptions", true, flink);
        Method patterns = java.util.Arrays.stream(coreOptions.getMethods())
                .filter(m -> m.getName().equals("getParentFirstLoaderPatterns") && m.getParameterCount() == 1)
                .findFirst().orElseThrow(() -> new NoSuchMethodException("CoreOptions.getParentFirstLoaderPatterns"));
        // Flink's defaults: java., org.apache.flink., the logging frameworks, …
        String[] parentFirst = (String[]) patterns.invoke(null, configuration.getConstructor().newInstance());
        Class<?> loaders = Class.forName(
                "org.apache.flink.util.FlinkUserCodeClassLoaders", true, flink);
        Consumer<Throwable> ignore = error -> { };
        return (ClassLoader) loaders.getMethod("childFirst", URL[].class, ClassLoader.class, String[].class,
                Consumer.class, boolean.class).invoke(null, urls(List.of(jar)), flink, parentFirst, ignore, false);
    }

    private static URL[] urls(List<Path> paths) {
        return paths.stream().map(path -> {
            try {
                return path.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }).toArray(URL[]::new);
    }

    private static String describe(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + (root == thrown ? ""
                : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
    }
}
