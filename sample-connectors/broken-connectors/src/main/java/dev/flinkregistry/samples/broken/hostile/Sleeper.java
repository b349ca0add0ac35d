package dev.flinkregistry.samples.broken.hostile;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process the fork attacks start from their own JAR: it says {@code ready} and sleeps until
 * killed, with {@link #MARKER} in its command line so a test can look for survivors. Started as
 * {@code spawn}, it starts another sleeper, says its pid, and exits: a double fork, after which
 * the grandchild belongs to no one the analyzer started.
 */
public final class Sleeper {

    /** Recognisable in the command line of every process the attacks start. */
    public static final String MARKER = "fcr-hostile-sleeper";

    private Sleeper() {}

    /** Arguments: the role ({@code child}, {@code spawn} or {@code grandchild}) and the marker. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "spawn".equals(args[0])) {
            Process grandchild = start("grandchild");
            System.out.println("grandchild " + grandchild.pid() + " " + readyLine(grandchild));
            System.out.flush();
            System.exit(0);
        }
        System.out.println("ready");
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // Only being killed ends it.
            }
        }
    }

    /**
     * Starts a sleeper JVM from this JAR. Its flags keep it small enough for the sandbox's memory
     * limit, as an attacker would choose them.
     */
    public static Process start(String role) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx16m", "-Xss256k", "-XX:CompressedClassSpaceSize=16m",
                        "-XX:ReservedCodeCacheSize=16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-cp", ownJar(), Sleeper.class.getName(), role, MARKER)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The first line the process prints: proof that it runs. */
    public static String readyLine(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null) {
            throw new IOException("the process ended before it was ready");
        }
        return line;
    }

    /** The JAR this class was loaded from, wherever the analyzer put it. */
    public static String ownJar() {
        try {
            return new File(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
