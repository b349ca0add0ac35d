package dev.flinkregistry.samples.broken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the hostile JARs: real Flink factories whose static initialisers attack the machine that
 * analyses them (files, secrets, network, processes, their own JAR, the worker's report), and
 * services files built to cost the analyzer time or memory. Each is {@code <final-name>-hostile-<name>.jar}.
 */
final class HostileJarWriter {

    private static final String PACKAGE = "dev.flinkregistry.samples.broken.";
    private static final String HOSTILE = PACKAGE + "hostile.";
    private static final int LONG_LINE_BYTES = 5 * 1024 * 1024;
    private static final int MANY_NAMES = 140_000;

    private final Path classesDir;
    private final Path outputDir;
    private final String finalName;
    private final LocalDateTime entryTime;

    HostileJarWriter(Path classesDir, Path outputDir, String finalName, LocalDateTime entryTime) {
        this.classesDir = classesDir;
        this.outputDir = outputDir;
        this.finalName = finalName;
        this.entryTime = entryTime;
    }

    void writeAll() throws IOException {
        write("write-files", attack("writefiles", "WriteFilesFactory"));
        write("read-secrets", attack("readsecrets", "ReadSecretsFactory"));
        write("network", attack("network", "NetworkFactory"));
        write("fork-child", attack("forkchild", "ForkChildFactory"));
        write("double-fork", attack("doublefork", "DoubleForkFactory"));
        write("fork-then-hang", attack("forkhang", "ForkThenHangFactory"));
        write("fork-bomb", attack("forkbomb", "ForkBombFactory"));
        write("burn-cpu", attack("burncpu", "BurnCpuFactory"));
        write("modify-own-jar", attack("ownjar", "ModifyOwnJarFactory"));
        write("forge-events", attack("forge", "ForgeEventsFactory"));
        write("long-services-line", new JarBuilder(entryTime).add(JarBuilder.FACTORY_SERVICES, longLine()));
        write("many-service-names", new JarBuilder(entryTime).add(JarBuilder.FACTORY_SERVICES, manyNames()));
    }

    /** A JAR declaring one hostile factory, with its package, the hostile base and the shared classes. */
    private JarBuilder attack(String packageName, String factoryClass) throws IOException {
        SortedMap<String, byte[]> classes =
                new TreeMap<>(ClassFiles.ofPackage(classesDir, path(PACKAGE + "common")));
        classes.putAll(ClassFiles.ofPackage(classesDir, path(HOSTILE.substring(0, HOSTILE.length() - 1))));
        classes.putAll(ClassFiles.ofPackage(classesDir, path(HOSTILE + packageName)));
        return new JarBuilder(entryTime)
                .services(HOSTILE + packageName + "." + factoryClass)
                .classes(classes);
    }

    /**
     * One class name of 5 MiB. Random letters, so that the entry does not compress like a zip bomb
     * and is refused for its size, not its ratio.
     */
    private static byte[] longLine() {
        Random random = new Random(42);
        byte[] line = new byte[LONG_LINE_BYTES + 1];
        for (int i = 0; i < LONG_LINE_BYTES; i++) {
            line[i] = (byte) ('a' + random.nextInt(26));
        }
        line[LONG_LINE_BYTES] = '\n';
        return line;
    }

    /** 140,000 short, distinct class names (under 1 MiB): checking each against a list is quadratic. */
    private static byte[] manyNames() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < MANY_NAMES; i++) {
            names.append('a').append(Integer.toString(i, 36)).append('\n');
        }
        return names.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String path(String packageName) {
        return packageName.replace('.', '/');
    }

    private void write(String name, JarBuilder jar) throws IOException {
        Files.createDirectories(outputDir);
        jar.writeTo(outputDir.resolve(finalName + "-hostile-" + name + ".jar"));
    }
}
