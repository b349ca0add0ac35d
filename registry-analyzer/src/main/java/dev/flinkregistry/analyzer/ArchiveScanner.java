package dev.flinkregistry.analyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens a JAR safely and reads only its directory and services files: entry count, declared
 * sizes, compression ratios and names are checked before any entry is inflated.
 */
final class ArchiveScanner {

    static final String FACTORY_SERVICES = "META-INF/services/org.apache.flink.table.factories.Factory";
    static final String LEGACY_SERVICES = "META-INF/services/org.apache.flink.table.factories.TableFactory";
    static final String SERVICES_PREFIX = "META-INF/services/";
    /** Other services files named in an answer at most. */
    static final int MAX_OTHER_SERVICES = 50;
    private static final long RATIO_CHECK_FLOOR = 1L << 20;
    /**
     * Largest services file read. Flink reads it whole, so one cut short would be analysed as another
     * file than Flink sees: a larger one is refused (SERVICES_FILE_TOO_LARGE). 1 MiB holds some
     * 10,000 fully qualified class names; real connectors list a handful.
     */
    static final int SERVICES_MAX_BYTES = 1 << 20;
    /**
     * Most factory classes, declared and undeclared together, one analysis loads: each costs worker
     * time and answer size, and real connectors have a handful (a few dozen in the largest bundles).
     */
    static final int MAX_FACTORY_CLASSES = 500;

    private final AnalyzerSettings settings;

    ArchiveScanner(AnalyzerSettings settings) {
        this.settings = settings;
    }

    /** The archive's directory, checked; {@link OpenedArchive#zip()} is null when it cannot be read. */
    OpenedArchive open(Path jar, String knownSha256) throws IOException {
        long size = Files.size(jar);
        String sha256 = knownSha256 != null ? knownSha256 : sha256(jar);
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException unreadable) {
            return OpenedArchive.unreadable(size, sha256, unreadableFinding(jar, unreadable));
        }
        OpenedArchive archive = new OpenedArchive(zip, size, sha256);
        try {
            checkDirectory(archive);
            if (archive.findings().isEmpty()) {
                readServices(archive);
            }
        } catch (ZipException | IllegalArgumentException damaged) {
            archive.findings().add(Finding.of(FindingCode.ARCHIVE_TRUNCATED,
                    "The archive is damaged (" + damaged.getMessage() + "): upload the JAR again."));
        }
        return archive;
    }

    private void checkDirectory(OpenedArchive archive) {
        List<String> unsafe = new ArrayList<>();
        String firstBomb = null;
        List<String> bombDetails = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = archive.zip().entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            archive.entryCount++;
            long inflated = Math.max(0, entry.getSize());
            archive.inflatedBytes += inflated;
            if (!isSafeName(entry.getName())) {
                unsafe.add(entry.getName());
            }
            long compressed = entry.getCompressedSize();
            if (inflated > RATIO_CHECK_FLOOR && compressed > 0 && inflated / compressed > settings.maxCompressionRatio()) {
                firstBomb = firstBomb == null ? entry.getName() : firstBomb;
                bombDetails.add(entry.getName() + " (" + compressed + " bytes inflate to " + inflated + ")");
            }
            if (entry.getName().endsWith(".class")) {
                archive.classCount++;
            } else if (entry.getName().startsWith(SERVICES_PREFIX) && !entry.isDirectory()
                    && entry.getName().indexOf('/', SERVICES_PREFIX.length()) < 0
                    && !entry.getName().equals(FACTORY_SERVICES) && !entry.getName().equals(LEGACY_SERVICES)
                    && archive.otherServices.size() < MAX_OTHER_SERVICES) {
                archive.otherServices.add(entry.getName().substring(SERVICES_PREFIX.length()));
            }
        }
        if (archive.entryCount > settings.maxEntries()) {
            archive.findings().add(Finding.of(FindingCode.ARCHIVE_TOO_MANY_ENTRIES, "The archive has "
                    + archive.entryCount + " entries; at most " + settings.maxEntries() + " are accepted."));
        }
        if (archive.inflatedBytes > settings.maxInflatedBytes()) {
            archive.findings().add(Finding.of(FindingCode.ARCHIVE_TOO_LARGE_INFLATED, "The entries inflate to "
                    + archive.inflatedBytes + " bytes; at most " + settings.maxInflatedBytes() + " are accepted."));
        }
        if (firstBomb != null) {
            archive.findings().add(Finding.of(FindingCode.ARCHIVE_COMPRESSION_RATIO,
                    "Entries inflate more than " + settings.maxCompressionRatio()
                            + " times their compressed size, as zip bombs do.", firstBomb, bombDetails));
        }
        if (!unsafe.isEmpty()) {
            archive.findings().add(Finding.of(FindingCode.ARCHIVE_UNSAFE_ENTRY_NAME,
                    "Entry names that would escape the directory the JAR is extracted to: " + unsafe.get(0),
                    unsafe.get(0), unsafe));
        }
    }

    /** True for names that stay inside the directory they are extracted to. */
    static boolean isSafeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || (name.length() > 1 && name.charAt(1) == ':')) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static void readServices(OpenedArchive archive) throws IOException {
        ZipEntry services = archive.zip().getEntry(FACTORY_SERVICES);
        if (services != null) {
            List<String> names = readServiceNames(archive.zip(), services);
            if (names == null) {
                archive.findings().add(Finding.of(FindingCode.SERVICES_FILE_TOO_LARGE, FACTORY_SERVICES
                        + " is larger than " + (SERVICES_MAX_BYTES >> 20) + " MiB. Flink reads it whole, one class "
                        + "name per line; no connector needs a file this large, so it is refused.", FACTORY_SERVICES,
                        List.of()));
            } else if (names.size() > MAX_FACTORY_CLASSES) {
                archive.findings().add(tooManyFactories(names.size(), "declares"));
            } else {
                archive.declaredFactories.addAll(names);
            }
        }
        ZipEntry legacy = archive.zip().getEntry(LEGACY_SERVICES);
        archive.legacyServices = legacy != null;
        if (legacy != null) {
            List<String> names = readServiceNames(archive.zip(), legacy);
            if (names != null) {
                // Bounded like the factories: the analysis loads only so many classes.
                archive.legacyFactories.addAll(names.subList(0, Math.min(names.size(), MAX_FACTORY_CLASSES)));
            }
        }
    }

    static Finding tooManyFactories(int count, String how) {
        return Finding.of(FindingCode.TOO_MANY_FACTORIES, "The JAR " + how + " " + count + " factory classes; the "
                + "analysis loads at most " + MAX_FACTORY_CLASSES + ", and no connector needs more.");
    }

    /**
     * The class names a services file lists, in order, each once (in time linear in the file); null
     * when the file is larger than {@link #SERVICES_MAX_BYTES}.
     */
    static List<String> readServiceNames(ZipFile zip, ZipEntry entry) throws IOException {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(SERVICES_MAX_BYTES + 1);
        }
        if (bytes.length > SERVICES_MAX_BYTES) {
            return null;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static Finding unreadableFinding(Path jar, ZipException cause) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(jar)) {
            read = in.readNBytes(head, 0, 4);
        }
        if (read == 4 && head[0] == 'P' && head[1] == 'K') {
            return Finding.of(FindingCode.ARCHIVE_TRUNCATED, "The file starts like a JAR but its directory is "
                    + "missing or damaged (" + cause.getMessage() + "): it was probably cut short. Upload it again.");
        }
        String hint = read > 0 && head[0] == '<' ? " It looks like an HTML or XML page, e.g. an error page saved "
                + "instead of the JAR." : "";
        return Finding.of(FindingCode.ARCHIVE_NOT_ZIP, "The file is not a JAR (ZIP) archive." + hint);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
