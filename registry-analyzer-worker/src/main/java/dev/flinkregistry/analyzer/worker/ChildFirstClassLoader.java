package dev.flinkregistry.analyzer.worker;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads a user JAR the way Flink loads user code: child first, except for the packages Flink
 * always loads from its own class path ({@code classloader.parent-first-patterns.default}).
 */
final class ChildFirstClassLoader extends URLClassLoader {

    /** Flink's default always-parent-first patterns (CoreOptions). */
    static final List<String> PARENT_FIRST_PATTERNS = List.of(
            "java.", "javax.annotation.", "org.apache.flink.", "com.esotericsoftware.kryo",
            "org.apache.hadoop.", "org.xml", "javax.xml", "org.apache.xerces", "org.w3c",
            "org.rocksdb.", "org.slf4j", "org.apache.log4j", "org.apache.logging",
            "org.apache.commons.logging", "ch.qos.logback");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    ChildFirstClassLoader(URL jar, ClassLoader parent) {
        super(new URL[] {jar}, parent);
    }

    /** The JAR first, then the JARs attached to it as its dependencies, as a job's class path has them. */
    ChildFirstClassLoader(URL[] jars, ClassLoader parent) {
        super(jars, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = isParentFirst(name) ? super.loadClass(name, false) : childThenParent(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> childThenParent(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInJar) {
            return super.loadClass(name, false);
        }
    }

    static boolean isParentFirst(String name) {
        for (String pattern : PARENT_FIRST_PATTERNS) {
            if (name.startsWith(pattern)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        ClassLoader parent = getParent();
        if (parent != null) {
            all.addAll(Collections.list(parent.getResources(name)));
        }
        return Collections.enumeration(all);
    }
}
