package dev.flinkregistry.analyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.ObjectMapper;

/**
 * The supported Flink engine versions, read from the {@code flink-runtime/{line}/} resources the
 * build prepares. JARs inside a packaged application are unpacked once into the work directory.
 */
public final class FlinkRuntimes {

    /** The engine lines this build supports, oldest first. */
    public static final List<String> SUPPORTED_LINES = List.of("1.20", "2.2");

    private final Map<String, FlinkRuntime> runtimes = new LinkedHashMap<>();

    private FlinkRuntimes() {}

    /** Loads every supported version; JARs that are not plain files are unpacked under {@code workDirectory}. */
    public static FlinkRuntimes load(Path workDirectory) {
        FlinkRuntimes loaded = new FlinkRuntimes();
        ObjectMapper json = WorkerEvents.MAPPER;
        for (String line : SUPPORTED_LINES) {
            try {
                loaded.runtimes.put(line, loadOne(line, workDirectory, json));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the Flink " + line + " runtime resources", e);
            }
        }
        return loaded;
    }

    /** The runtime for a line such as {@code 1.20}; throws {@link UnsupportedFlinkVersionException} otherwise. */
    public FlinkRuntime get(String line) {
        FlinkRuntime runtime = runtimes.get(line);
        if (runtime == null) {
            throw new UnsupportedFlinkVersionException(line, SUPPORTED_LINES);
        }
        return runtime;
    }

    private static FlinkRuntime loadOne(String line, Path workDirectory, ObjectMapper json) throws IOException {
        String base = "flink-runtime/" + line + "/";
        Properties properties = new Properties();
        try (InputStream in = resource(base + "runtime.properties")) {
            properties.load(in);
        }
        Set<String> classes = new HashSet<>(70_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(resource(base + "classes.txt.gz")), StandardCharsets.UTF_8))) {
            reader.lines().forEach(classes::add);
        }
        List<FactoryReport> builtins = new ArrayList<>();
        for (String event : lines(base + "builtin-factories.jsonl")) {
            builtins.add(WorkerEvents.toReport(json.readTree(event)));
        }
        String release = properties.getProperty("flinkVersion");
        List<String> jars = lines(base + "lib.txt");
        // Keyed by the JAR list, so a build with other JARs never reuses a stale unpacked copy.
        Path unpacked = workDirectory.resolve("flink-" + release + "-"
                + Integer.toHexString(String.join("\n", jars).hashCode()));
        List<Path> library = new ArrayList<>();
        for (String jar : jars) {
            library.add(materialize(base + "lib/" + jar, unpacked.resolve(jar)));
        }
        return new FlinkRuntime(line, release, Integer.parseInt(properties.getProperty("maxJavaRelease")),
                classes, builtins, library);
    }

    private static List<String> lines(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static InputStream resource(String name) throws IOException {
        URL url = FlinkRuntimes.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("Missing resource " + name + " (is flink-runtime-* on the class path?)");
        }
        return url.openStream();
    }

    /** The resource as a plain file: itself when it is one, else a copy unpacked once. */
    static Path materialize(String resourceName, Path target) throws IOException {
        URL url = FlinkRuntimes.class.getClassLoader().getResource(resourceName);
        if (url == null) {
            throw new IOException("Missing resource " + resourceName);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return copyOnce(url, target);
    }

    static Path copyOnce(URL url, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            // A temporary file is private (rw-------); a root server's workers run as another user and read it.
            ScratchDirectories.setPermissions(temporary, "rw-r--r--");
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
