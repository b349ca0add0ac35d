package dev.flinkregistry.analyzer.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what went wrong while loading a factory into a stable code and words a user acts on. */
final class FailureExplainer {

    private static final java.util.regex.Pattern CLASS_VERSION =
            java.util.regex.Pattern.compile("class file version (\\d+)");

    private final String flinkVersion;
    private final int maxJava;

    FailureExplainer(String flinkVersion, int maxJava) {
        this.flinkVersion = flinkVersion;
        this.maxJava = maxJava;
    }

    Map<String, Object> explain(String factoryClass, String step, Throwable thrown) {
        Throwable root = rootCause(thrown);
        Map<String, Object> failure = new LinkedHashMap<>();
        String missing = missingClass(root);
        if (missing != null && missing.startsWith("org.apache.flink.")) {
            failure.put("code", "FACTORY_FLINK_API_MISSING");
            failure.put("message", "needs class " + missing + ", which Flink " + flinkVersion
                    + " does not have: the JAR was built against another Flink version");
        } else if (missing != null) {
            failure.put("code", "FACTORY_DEPENDENCY_MISSING");
            failure.put("message", "needs class " + missing + ", which is neither in the JAR nor in Flink "
                    + flinkVersion + ": bundle that dependency (shaded and relocated)");
        } else if (root instanceof UnsupportedClassVersionError) {
            java.util.regex.Matcher version = CLASS_VERSION.matcher(String.valueOf(root.getMessage()));
            int release = version.find() ? JavaReleases.ofMajorVersion(Integer.parseInt(version.group(1)))
                    : Integer.MAX_VALUE;
            if (release <= maxJava) {
                failure.put("code", "WORKER_JAVA_TOO_OLD");
                failure.put("message", "is compiled for Java " + release + ", which Flink " + flinkVersion
                        + " runs on, but the analysis runs on Java " + Runtime.version().feature()
                        + ": give the analyzer a Java " + release + " or newer (workerJavaHome)");
            } else {
                failure.put("code", "FACTORY_CLASS_VERSION_TOO_NEW");
                failure.put("message", JavaReleases.tooNew(release, maxJava, flinkVersion));
            }
        } else if (root instanceof IncompatibleClassChangeError || root instanceof NoSuchMethodError
                || root instanceof NoSuchFieldError) {
            failure.put("code", "FACTORY_FLINK_API_INCOMPATIBLE");
            failure.put("message", "uses " + root.getMessage() + ", which does not match Flink " + flinkVersion
                    + ": the JAR was compiled against another Flink version");
        } else if (thrown instanceof ExceptionInInitializerError || hasCause(thrown, ExceptionInInitializerError.class)) {
            failure.put("code", "FACTORY_STATIC_INIT_FAILED");
            failure.put("message", "its static initialiser threw " + describe(root));
        } else {
            failure.put("code", "FACTORY_METHOD_FAILED");
            failure.put("message", step + " threw " + describe(root));
        }
        failure.put("exception", root.getClass().getName());
        failure.put("stackTrace", topFrames(root));
        return failure;
    }

    static Throwable rootCause(Throwable thrown) {
        Throwable current = thrown;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean hasCause(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String missingClass(Throwable root) {
        String message = root.getMessage();
        if (message == null) {
            return null;
        }
        if (root instanceof NoClassDefFoundError && !message.startsWith("Could not initialize class")) {
            return message.replace('/', '.');
        }
        if (root instanceof ClassNotFoundException) {
            return message;
        }
        return null;
    }

    private static String describe(Throwable root) {
        return root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static List<String> topFrames(Throwable root) {
        List<String> frames = new ArrayList<>();
        StackTraceElement[] trace = root.getStackTrace();
        for (int i = 0; i < Math.min(8, trace.length); i++) {
            frames.add(trace[i].toString());
        }
        return frames;
    }
}
