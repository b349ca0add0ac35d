package dev.flinkregistry.client.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fcr's config file, {@code $XDG_CONFIG_HOME/fcr/config} (else {@code ~/.config/fcr/config}):
 * {@code key=value} lines, {@code #} comments. Like ssh with a private key, fcr refuses a file that
 * holds a secret ({@code token}, {@code client-secret}) and that its group or others can read.
 */
final class ConfigFile {

    /** The keys fcr knows; another key is refused, so that a typo does not go unnoticed. */
    static final List<String> KEYS = List.of("server", "workspace", "token", "client-id", "client-secret",
            "token-endpoint", "issuer", "scope", "cache-dir");
    private static final Set<String> SECRETS = Set.of("token", "client-secret");
    private static final Set<PosixFilePermission> READABLE_BY_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    /** A config file that problems with are told to the user in plain words (exit status 2). */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    /** Where the config file is by default: under {@code XDG_CONFIG_HOME} when it is set (and absolute), else {@code ~/.config}. */
    static Path defaultLocation(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "fcr", "config");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "fcr", "config");
    }

    /** The file's settings; none when it does not exist. */
    static ConfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new ConfigFile(path, Map.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the config file " + path, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals).strip();
            if (equals < 0 || !KEYS.contains(key)) {
                throw new Unusable(path + " line " + (i + 1) + ": expected key=value with a key of " + KEYS
                        + ", not '" + (equals < 0 ? line : key) + "'");
            }
            values.put(key, line.substring(equals + 1).strip());
        }
        ConfigFile config = new ConfigFile(path, values);
        config.refuseSecretsOthersCanRead();
        return config;
    }

    /** The value of a key, or null when the file does not set it (or sets it empty). */
    String get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    Path path() {
        return path;
    }

    private void refuseSecretsOthersCanRead() {
        List<String> secrets = SECRETS.stream().filter(values::containsKey).sorted().toList();
        if (secrets.isEmpty()) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException notPosix) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the permissions of " + path, e);
        }
        if (permissions.stream().anyMatch(READABLE_BY_OTHERS::contains)) {
            throw new Unusable(path + " holds a secret (" + String.join(", ", secrets) + ") but others can read it ("
                    + PosixFilePermissions.toString(permissions) + "); fcr will not use it until only you can: "
                    + "chmod 600 " + path);
        }
    }
}
