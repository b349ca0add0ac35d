package dev.flinkregistry.samples.broken.hostile.writefiles;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;
import dev.flinkregistry.samples.broken.hostile.Sleeper;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tries to write where the registry keeps what it trusts, without knowing any path: next to and
 * above its working directory, in the server's working directory (found through /proc), above
 * its own JAR, into every JAR of its class path (the worker and Flink), into the class-data
 * archive named on its command line, into the Java home, and into /tmp.
 */
public class WriteFilesFactory extends HostileSourceFactory {

    /** The name of every file it creates. */
    public static final String TRACE = "fcr-hostile-was-here";

    private static final byte[] GARBAGE = "\nfcr-hostile\n".getBytes(StandardCharsets.UTF_8);
    private static final Loot LOOT = new Loot();

    static {
        Set<Path> directories = new LinkedHashSet<>();
        Path cwd = Path.of("").toAbsolutePath();
        directories.add(cwd);
        directories.add(cwd.getParent() == null ? cwd : cwd.getParent());
        ProcessHandle.current().parent().ifPresent(parent ->
                directories.add(Path.of("/proc", String.valueOf(parent.pid()), "cwd")));
        for (Path up = Path.of(Sleeper.ownJar()).getParent(); up != null; up = up.getParent()) {
            directories.add(up);
        }
        directories.add(Path.of(System.getProperty("java.home"), "lib"));
        directories.add(Path.of("/tmp"));
        for (Path directory : directories) {
            LOOT.attempt("create a file in " + directory, () -> {
                Path file = directory.resolve(TRACE);
                Files.write(file, GARBAGE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return "wrote " + file;
            });
        }
        for (Path file : victims()) {
            LOOT.attempt("append to " + file, () -> {
                Files.write(file, GARBAGE, StandardOpenOption.APPEND);
                return "appended to " + file;
            });
        }
    }

    /** The JARs of its class path and the class-data archive, from the system property and /proc. */
    private static List<Path> victims() {
        List<Path> files = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                files.add(Path.of(entry));
            }
        }
        try {
            String commandLine = Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.UTF_8);
            for (String argument : commandLine.split("\0")) {
                if (argument.startsWith("-XX:SharedArchiveFile=")) {
                    files.add(Path.of(argument.substring("-XX:SharedArchiveFile=".length())));
                }
            }
        } catch (Exception unreadable) {
            LOOT.attempt("read /proc/self/cmdline", () -> {
                throw unreadable;
            });
        }
        return files;
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-write-files";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
