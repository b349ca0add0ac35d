package dev.flinkregistry.client.contract;

import dev.flinkregistry.client.InMemoryRegistryClient;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real sample connector JARs (found by {@link TestJars}), and what each truly offers: the inputs
 * of {@link RegistryClientContract}.
 * A client that cannot analyse JARs is told what they offer by {@link #identifierSource()}; the
 * contract checks that against a real analysis.
 */
public final class SampleJars {

    /** {@code sequence}: a scan and lookup source, version 1. */
    public static final IdentifierRef SEQUENCE = new IdentifierRef("table-connector", "sequence");
    /** {@code row-file}: a sink. */
    public static final IdentifierRef ROW_FILE = new IdentifierRef("table-connector", "row-file");
    /** {@code psv} read: one factory that is both a decoding and an encoding format. */
    public static final IdentifierRef PSV_DECODING = new IdentifierRef("decoding-format", "psv");
    /** {@code psv} written. */
    public static final IdentifierRef PSV_ENCODING = new IdentifierRef("encoding-format", "psv");
    /** {@code seeded-memory}: a catalog. */
    public static final IdentifierRef SEEDED_MEMORY = new IdentifierRef("catalog", "seeded-memory");

    /** What each JAR offers, by file name; the broken ones offer nothing that loads. */
    private static final Map<String, List<IdentifierRef>> OFFERS = Map.of(
            "sample-sequence-source.jar", List.of(SEQUENCE),
            "sample-sequence-source-v2.jar", List.of(SEQUENCE),
            "sample-row-file-sink.jar", List.of(ROW_FILE),
            "sample-psv-format.jar", List.of(PSV_DECODING, PSV_ENCODING),
            "sample-memory-catalog.jar", List.of(SEEDED_MEMORY),
            "broken-static-init-throws.jar", List.of(),
            "broken-not-a-zip.jar", List.of());

    /** The same, by content, so that a copy of a sample under another name offers the same. */
    private static Map<String, List<IdentifierRef>> bySha256;

    private SampleJars() {}

    /** Version 1 of the {@code sequence} source. */
    public static Path sequenceV1() {
        return TestJars.sequenceV1();
    }

    /** Version 2 of the {@code sequence} source: the same identifier, one more optional option. */
    public static Path sequenceV2() {
        return TestJars.sequenceV2();
    }

    /** The {@code row-file} sink. */
    public static Path rowFileSink() {
        return TestJars.rowFileSink();
    }

    /** The {@code psv} format. */
    public static Path psvFormat() {
        return TestJars.psvFormat();
    }

    /** The {@code seeded-memory} catalog. */
    public static Path memoryCatalog() {
        return TestJars.memoryCatalog();
    }

    /** A JAR whose only factory throws in its static initialiser: nothing loads, so it is refused. */
    public static Path staticInitThrows() {
        return TestJars.jar("broken-static-init-throws.jar");
    }

    /** A file that is not a ZIP archive at all. */
    public static Path notAZip() {
        return TestJars.jar("broken-not-a-zip.jar");
    }

    /** The samples that offer something. */
    public static List<Path> loadable() {
        return List.of(sequenceV1(), sequenceV2(), rowFileSink(), psvFormat(), memoryCatalog());
    }

    /** What a sample (or a copy of one) truly offers. */
    public static synchronized List<IdentifierRef> offersOf(Path jar) {
        if (bySha256 == null) {
            Map<String, List<IdentifierRef>> index = new LinkedHashMap<>();
            OFFERS.forEach((fileName, offers) -> index.put(sha256(TestJars.jar(fileName)), offers));
            bySha256 = index;
        }
        List<IdentifierRef> offers = bySha256.get(sha256(jar));
        if (offers == null) {
            throw new IllegalArgumentException(jar + " is not one of the sample JARs");
        }
        return offers;
    }

    /** Tells an {@link InMemoryRegistryClient} truthfully what the samples offer. */
    public static InMemoryRegistryClient.IdentifierSource identifierSource() {
        return SampleJars::offersOf;
    }

    /** The lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) {
        return TestJars.sha256(file);
    }
}
