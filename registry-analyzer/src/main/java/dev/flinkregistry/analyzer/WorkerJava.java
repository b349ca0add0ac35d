package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses the Java the worker runs on. It must load classes compiled for any Java the target
 * Flink version runs on (Flink 2.2: up to 21), or a valid connector would be refused only because
 * the analyzer runs on an older Java.
 */
final class WorkerJava {

    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private WorkerJava() {}

    /** The {@code java} executable to run a worker for a runtime needing {@code minimumRelease}. */
    static Path choose(Path configuredHome, int minimumRelease) {
        if (configuredHome != null) {
            return executable(configuredHome);
        }
        Path current = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= minimumRelease) {
            return executable(current);
        }
        return newerInstalledBeside(current, minimumRelease).map(WorkerJava::executable).orElse(executable(current));
    }

    /** The Java feature release of a JDK or JRE home, from its {@code release} file. */
    static Optional<Integer> release(Path javaHome) {
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The oldest JDK installed next to this one (e.g. in /usr/lib/jvm) that is new enough. */
    private static Optional<Path> newerInstalledBeside(Path current, int minimumRelease) {
        Path parent = current.toAbsolutePath().getParent();
        if (parent == null) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(parent)) {
            // Each home's release file is read once, not again in every comparison.
            return homes.filter(home -> Files.isExecutable(executable(home)))
                    .flatMap(home -> release(home).filter(r -> r >= minimumRelease).map(r -> Map.entry(home, r)).stream())
                    .min(Comparator.comparing((Map.Entry<Path, Integer> found) -> found.getValue())
                            .thenComparing(found -> found.getKey().toString()))
                    .map(Map.Entry::getKey);
        } catch (IOException unlistable) {
            return Optional.empty();
        }
    }

    private static Path executable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }
}
