package dev.flinkregistry.samples.broken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/** Writes the broken connector JARs as {@code <final-name>-<classifier>.jar}; the build runs it. */
public final class BrokenJarWriter {

    private static final String PACKAGE = "dev.flinkregistry.samples.broken.";
    private static final String PACKAGE_PATH = PACKAGE.replace('.', '/');
    private static final int JAVA_25_MAJOR_VERSION = 69;
    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
    private static final String PROXY_ERROR_PAGE =
            "<!DOCTYPE html>\n"
                + "<html><head><title>502 Bad Gateway</title></head>\n"
                + "<body><h1>502 Bad Gateway</h1><p>The proxy could not reach the"
                + " repository.</p></body></html>\n";

    private final Path classesDir;
    private final Path outputDir;
    private final String finalName;
    private final LocalDateTime entryTime;
    private final Path connectorBaseJar;
    private final Path commonsCsvJar;

    private BrokenJarWriter(String[] args) {
        this.classesDir = Paths.get(args[0]);
        this.outputDir = Paths.get(args[1]);
        this.finalName = args[2];
        this.entryTime = entryTime(args[3]);
        this.connectorBaseJar = Paths.get(args[4]);
        this.commonsCsvJar = Paths.get(args[5]);
    }

    /** Takes the arguments listed in the usage message. */
    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            throw new IllegalArgumentException(
                    "Usage: BrokenJarWriter <classes-dir> <output-dir> <final-name>"
                        + " <output-timestamp> <flink-connector-base-jar> <commons-csv-jar>");
        }
        new BrokenJarWriter(args).writeAll();
    }

    private void writeAll() throws IOException {
        writePackagingMistakes();
        writeHostileFactories();
        writeDamagedArchives();
        new HostileJarWriter(classesDir, outputDir, finalName, entryTime).writeAll();
    }

    /** JARs a well-meaning build can produce by accident. */
    private void writePackagingMistakes() throws IOException {
        write("no-services", jar().classes(classes("noservices")));
        write("missing-class", jar().services(PACKAGE + "missing.GoneFactory"));
        // A thin connector and the driver JAR it needs beside it (attached to it as a dependency).
        write("needs-driver", valid("needsdriver", "DriverBackedFactory"));
        write("echo-driver", jar().classes(ClassFiles.ofPackage(classesDir, PACKAGE_PATH + "echodriver")));
        write(
                "undeclared-factory",
                jar().services(PACKAGE + "undeclared.DeclaredOkFactory")
                        .classes(classes("undeclared")));
        write(
                "duplicate-identifier",
                jar().services(
                                PACKAGE + "duplicate.TwinOneFactory",
                                PACKAGE + "duplicate.TwinTwoFactory")
                        .classes(classes("duplicate")));
        write(
                "duplicate-and-other",
                jar().services(
                                PACKAGE + "duplicate.TwinOneFactory",
                                PACKAGE + "duplicate.TwinTwoFactory",
                                PACKAGE + "skipped.StillWorksFactory")
                        .classes(classes("duplicate"))
                        .classes(only(classes("skipped"), "skipped/StillWorksFactory.class")));
        SortedMap<String, byte[]> skipped = classes("skipped");
        skipped.remove(PACKAGE_PATH + "skipped/OwnBase.class");
        write(
                "skipped-factories",
                jar().services(
                                PACKAGE + "skipped.StillWorksFactory",
                                PACKAGE + "skipped.GatewayEndpointFactory",
                                PACKAGE + "skipped.NeedsOwnBaseFactory")
                        .classes(skipped));
        write("other-flink-api", valid("otherapi", "OldTimeFactory"));
        write(
                "foreign-spi-plugin",
                jar().add(
                                "META-INF/services/org.apache.flink.connector.jdbc.dialect.JdbcDialectFactory",
                                PACKAGE + "foreignspi.SampleDialectFactory\n")
                        .classes(ClassFiles.ofPackage(classesDir, PACKAGE_PATH + "foreignspi")));
        write(
                "bundles-flink-runtime",
                valid("fatjar", "FatSourceFactory")
                        .classes(ClassFiles.ofJar(connectorBaseJar, BrokenJarWriter::isClass)));
        write(
                "unrelocated-library",
                valid("unrelocated", "UnshadedSourceFactory")
                        .classes(ClassFiles.ofJar(commonsCsvJar, BrokenJarWriter::isCommonsCsv)));
        write(
                "newer-java",
                jar().services(PACKAGE + "newerjava.FutureSourceFactory")
                        .classes(
                                classes("newerjava"),
                                bytes ->
                                        ClassFiles.withMajorVersion(bytes, JAVA_25_MAJOR_VERSION)));
    }

    /** JARs whose factories harm the JVM that loads them. */
    private void writeHostileFactories() throws IOException {
        write("static-init-throws", valid("staticinit", "StaticInitThrowsFactory"));
        write("system-exit", valid("systemexit", "SystemExitFactory"));
        write("never-returns", valid("neverreturns", "NeverReturnsFactory"));
        write("unbounded-allocation", valid("unbounded", "UnboundedAllocationFactory"));
    }

    /** Files that are not the archive they claim to be, or archives that attack their reader. */
    private void writeDamagedArchives() throws IOException {
        writeBytes("not-a-zip", PROXY_ERROR_PAGE.getBytes(StandardCharsets.UTF_8));
        byte[] whole = valid("truncated", "TruncatedSourceFactory").toBytes();
        writeBytes("truncated", Arrays.copyOf(whole, whole.length / 2));
        write("zip-bomb", valid("zipbomb", "BombSourceFactory").zeros("data.bin", TWO_GIB));
        write(
                "path-traversal",
                valid("pathtraversal", "EscapeSourceFactory")
                        .add(
                                "../../evil.sh",
                                "#!/bin/sh\necho 'written outside the target directory'\n")
                        .add("/etc/cron.d/evil", "* * * * * root /tmp/evil.sh\n"));
    }

    /** A JAR with one declared factory and the classes it needs. */
    private JarBuilder valid(String packageName, String factoryClass) throws IOException {
        return jar().services(PACKAGE + packageName + "." + factoryClass)
                .classes(classes(packageName));
    }

    private JarBuilder jar() {
        return new JarBuilder(entryTime);
    }

    /** The classes of one variant's package plus the shared classes its factories extend. */
    private SortedMap<String, byte[]> classes(String packageName) throws IOException {
        SortedMap<String, byte[]> classes =
                new TreeMap<>(ClassFiles.ofPackage(classesDir, PACKAGE_PATH + "common"));
        classes.putAll(ClassFiles.ofPackage(classesDir, PACKAGE_PATH + packageName));
        return classes;
    }

    /** Just this class file (a path under the package) of the classes. */
    private static SortedMap<String, byte[]> only(SortedMap<String, byte[]> classes, String path) {
        SortedMap<String, byte[]> one = new TreeMap<>();
        one.put(PACKAGE_PATH + path, classes.get(PACKAGE_PATH + path));
        return one;
    }

    private void write(String classifier, JarBuilder jar) throws IOException {
        jar.writeTo(output(classifier));
    }

    private void writeBytes(String classifier, byte[] bytes) throws IOException {
        Files.write(output(classifier), bytes);
    }

    private Path output(String classifier) throws IOException {
        Files.createDirectories(outputDir);
        return outputDir.resolve(finalName + "-" + classifier + ".jar");
    }

    private static boolean isClass(String entryName) {
        return entryName.endsWith(".class");
    }

    private static boolean isCommonsCsv(String entryName) {
        return entryName.startsWith("org/apache/commons/csv/") && isClass(entryName);
    }

    /**
     * Maven's {@code project.build.outputTimestamp}: an ISO-8601 instant or seconds since the
     * epoch.
     */
    private static LocalDateTime entryTime(String outputTimestamp) {
        Instant instant =
                outputTimestamp.chars().allMatch(Character::isDigit)
                        ? Instant.ofEpochSecond(Long.parseLong(outputTimestamp))
                        : Instant.parse(outputTimestamp);
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
