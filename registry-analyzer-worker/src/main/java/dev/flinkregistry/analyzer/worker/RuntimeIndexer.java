package dev.flinkregistry.analyzer.worker;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Build-time tool: indexes one Flink version's distribution, run with that distribution's JARs on
 * the class path. Writes into the output directory {@code classes.txt.gz} (every class the
 * distribution ships, internal names), {@code builtin-factories.jsonl} (every factory it
 * declares, described like a user's) and {@code lib.txt} (the JARs the analysis worker gets).
 *
 * <p>Usage: {@code RuntimeIndexer <flink-version> <output-dir> <worker-lib-dir>}
 */
public final class RuntimeIndexer {

    private static final String FACTORY_SERVICES = "META-INF/services/org.apache.flink.table.factories.Factory";

    private RuntimeIndexer() {}

    public static void main(String[] args) throws IOException {
        String flinkVersion = args[0];
        Path output = Path.of(args[1]);
        Path workerLib = Path.of(args[2]);
        Files.createDirectories(output);
        List<Path> jars = distributionJars();
        TreeSet<String> classes = new TreeSet<>();
        TreeSet<String> factories = new TreeSet<>();
        for (Path jar : jars) {
            indexJar(jar, classes, factories);
        }
        try (Writer out = new java.io.OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(output.resolve("classes.txt.gz"))), StandardCharsets.UTF_8)) {
            for (String name : classes) {
                out.write(name);
                out.write('\n');
            }
        }
        ClassLoader flink = RuntimeIndexer.class.getClassLoader();
        FactoryDescriber describer = new FactoryDescriber(flink, flink, flinkVersion, Runtime.version().feature());
        List<String> lines = new ArrayList<>();
        for (String factory : factories) {
            Map<String, Object> described = describer.describe(factory);
            if ("factory".equals(described.get("event"))) {
                lines.add(Json.write(described));
            } else {
                System.err.println("Skipping built-in factory that does not load here: " + described);
            }
        }
        Files.write(output.resolve("builtin-factories.jsonl"), lines, StandardCharsets.UTF_8);
        try (Stream<Path> lib = Files.list(workerLib)) {
            Files.write(output.resolve("lib.txt"),
                    lib.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList(),
                    StandardCharsets.UTF_8);
        }
        System.out.printf("Flink %s: %d classes, %d built-in factories from %d JARs%n",
                flinkVersion, classes.size(), lines.size(), jars.size());
    }

    private static List<Path> distributionJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && !path.getFileName().toString().startsWith("registry-analyzer-worker")) {
                jars.add(path);
            }
        }
        return jars;
    }

    private static void indexJar(Path jar, TreeSet<String> classes, TreeSet<String> factories) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    classes.add(name.substring(0, name.length() - ".class".length()));
                }
            }
            JarEntry services = file.getJarEntry(FACTORY_SERVICES);
            if (services != null) {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
                    reader.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                            .forEach(factories::add);
                }
            }
        }
    }
}
