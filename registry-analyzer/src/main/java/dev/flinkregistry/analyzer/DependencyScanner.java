package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks JARs meant as a connector's dependencies with the static scan's archive checks (readable
 * ZIP, entry names, entry count, inflated size and compression ratio) and reads which Flink
 * factories they declare. Nothing of them runs, so no sandbox and no Flink runtime are needed: the
 * server calls it itself, whichever engine analyses connectors.
 */
public final class DependencyScanner {

    private final ArchiveScanner archives;
    private final ClassScanner classScanner;

    public DependencyScanner(AnalyzerSettings settings) {
        this.archives = new ArchiveScanner(settings);
        this.classScanner = new ClassScanner(settings);
    }

    /** The archive's findings and declared factories; an {@link IOException} means the file could not be read. */
    public DependencyCheck check(Path jar) throws IOException {
        try (OpenedArchive archive = archives.open(jar, "")) {
            List<Finding> findings = new ArrayList<>(archive.findings());
            List<String> classes = new ArrayList<>();
            if (archive.readable()) {
                ClassScanner.Contents contents = classScanner.scan(archive);
                if (contents.inflationExceeded != null) {
                    findings.add(contents.inflationExceeded);
                }
                archive.zip().stream().map(java.util.zip.ZipEntry::getName)
                        .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                                && !name.endsWith("module-info.class") && !name.endsWith("package-info.class"))
                        .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                        .forEach(classes::add);
            }
            return new DependencyCheck(findings, archive.declaredFactories, archive.entryCount,
                    findings.isEmpty() ? classes : List.of());
        }
    }
}
