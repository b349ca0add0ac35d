package dev.flinkregistry.samples.broken.hostile.ownjar;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;
import dev.flinkregistry.samples.broken.hostile.Sleeper;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Changes its own JAR after the registry hashed it, so that the stored bytes would differ from
 * the analysed ones: appends to it, overwrites its first bytes, makes it writable, deletes it.
 */
public class ModifyOwnJarFactory extends HostileSourceFactory {

    private static final Loot LOOT = new Loot();

    static {
        Path jar = Path.of(Sleeper.ownJar());
        LOOT.attempt("append to " + jar, () -> {
            Files.write(jar, "fcr-hostile".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
            return "appended";
        });
        LOOT.attempt("overwrite " + jar, () -> {
            try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "rw")) {
                file.write(0);
            }
            return "overwrote";
        });
        LOOT.attempt("chmod " + jar, () -> {
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rwxrwxrwx"));
            return "made writable";
        });
        LOOT.attempt("delete " + jar, () -> {
            Files.delete(jar);
            return "deleted";
        });
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-modify-own-jar";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
