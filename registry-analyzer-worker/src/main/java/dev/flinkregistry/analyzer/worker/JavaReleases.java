package dev.flinkregistry.analyzer.worker;

/**
 * Class-file versions and the Java release they need, and the verdict on a factory compiled for a
 * newer Java than Flink runs on: the same words whether the worker's Java refused the class or
 * loaded it (the analyzer then applies the limit itself).
 */
public final class JavaReleases {

    private JavaReleases() {
    }

    /** The Java release a class-file major version needs (52 → 8, 61 → 17). */
    public static int ofMajorVersion(int majorVersion) {
        return majorVersion - 44;
    }

    /** Why a factory compiled for Java {@code release} cannot load on Flink that runs on Java {@code maxJava} at most. */
    public static String tooNew(int release, int maxJava, String flinkVersion) {
        return "is compiled for Java " + release + ", newer than the Java " + maxJava + " Flink " + flinkVersion
                + " runs on at most: compile with --release " + maxJava;
    }
}
