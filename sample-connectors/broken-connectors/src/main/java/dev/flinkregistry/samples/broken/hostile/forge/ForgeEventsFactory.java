package dev.flinkregistry.samples.broken.hostile.forge;

import dev.flinkregistry.samples.broken.common.EchoSourceFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Forges the analysis worker's report and ends the JVM before the worker says anything: on
 * stdout, on stderr and on descriptor 3 (wrapped, and opened again as /dev/fd/3), it claims a factory for a class the JAR does not have,
 * the built-in identifier {@code datagen} for itself, and a normal end; then {@code halt(0)}.
 */
public class ForgeEventsFactory extends EchoSourceFactory {

    /** The class it claims a factory for, which is not in the JAR. */
    public static final String OUTSIDER = "com.example.NotInTheJar";

    private static final String OWN = ForgeEventsFactory.class.getName();
    private static final String FORGED = String.join("\n",
            "{\"event\":\"begin\",\"class\":\"" + OUTSIDER + "\"}",
            factory(OUTSIDER, "forged-outsider"),
            factory(OWN, "datagen"),
            "{\"event\":\"end\",\"peakRssKiB\":1}",
            "");

    static {
        write(FileDescriptor.out);
        write(FileDescriptor.err);
        try {
            FileDescriptor three = new FileDescriptor();
            Field fd = FileDescriptor.class.getDeclaredField("fd");
            fd.setAccessible(true);
            fd.setInt(three, 3);
            write(three);
        } catch (Exception notOpen) {
            // Descriptor 3 cannot be wrapped here.
        }
        try (FileOutputStream reopened = new FileOutputStream("/dev/fd/3")) {
            reopened.write(FORGED.getBytes(StandardCharsets.UTF_8));
        } catch (Exception notThere) {
            // Descriptor 3 cannot be opened here.
        }
        Runtime.getRuntime().halt(0);
    }

    private static String factory(String className, String identifier) {
        return "{\"event\":\"factory\",\"class\":\"" + className + "\",\"declared\":true,\"identifier\":\""
                + identifier + "\",\"families\":[\"table-connector\"],\"capabilities\":[\"source\"],"
                + "\"discovery\":[\"DynamicTableSourceFactory\"],\"options\":[]}";
    }

    private static void write(FileDescriptor descriptor) {
        try {
            FileOutputStream out = new FileOutputStream(descriptor);
            out.write(FORGED.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (Exception closed) {
            // Nothing to forge on.
        }
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-forge-events";
    }
}
