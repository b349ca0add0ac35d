package dev.flinkregistry.analyzer;

import dev.flinkregistry.analyzer.worker.JavaReleases;
import java.util.List;

/** What the static scan reads from one class file's header. */
record ClassFacts(String name, String superName, List<String> interfaces, int access, int majorVersion) {

    boolean isConcretePublic() {
        return (access & 0x0001) != 0 && (access & (0x0200 | 0x0400)) == 0;
    }

    /** The Java release a class file version needs (52 → 8). */
    static int javaRelease(int majorVersion) {
        return JavaReleases.ofMajorVersion(majorVersion);
    }
}
