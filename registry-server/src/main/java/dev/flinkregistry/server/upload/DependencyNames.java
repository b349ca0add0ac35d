package dev.flinkregistry.server.upload;

import java.util.regex.Pattern;

/**
 * The readable file name a dependency JAR is shown and delivered under: the last segment of the name
 * it was sent with (or of its URL), with nothing but letters, digits, {@code . _ + -}; never a path,
 * never hidden, always ending in {@code .jar}.
 */
final class DependencyNames {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._+-]");
    private static final int MAX_LENGTH = 200;

    private DependencyNames() {}

    static String sanitised(String sent, int index) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = UNSAFE.matcher(name).replaceAll("_").replaceAll("^[.]+", "");
        if (name.length() > MAX_LENGTH) {
            name = name.substring(name.length() - MAX_LENGTH);
        }
        if (name.isEmpty() || name.equals(".jar")) {
            return "dependency-" + (index + 1) + ".jar";
        }
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar") ? name : name + ".jar";
    }
}
