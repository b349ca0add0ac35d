package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The programs of the host the sandbox is built with, and who this process runs as. */
final class HostTools {

    // The analyzer's own environment (PATH) is not trusted to find them: the usual places only.
    private static final List<String> DIRECTORIES = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin",
            "/usr/local/bin");

    private HostTools() {}

    /** The program's absolute, real path, if it is installed in one of the usual places. */
    static Optional<Path> find(String program) {
        for (String directory : DIRECTORIES) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (IOException unresolvable) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether this process runs as root (effective uid 0), from /proc; false where /proc is not there. */
    static boolean runsAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return "0".equals(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // Not Linux: no namespaces anyway.
        }
        return false;
    }

    /** Whether the host is Linux, the only system whose namespaces the sandbox uses. */
    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    }
}
