package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.EnumValue;
import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Flink's {@code FactoryUtil} adds to the options a factory declares: the key that names
 * the factory, the options every table or catalog accepts, and where a format's options live.
 */
final class FactoryConventions {

    static final String TABLE_CONNECTOR = "table-connector";
    static final String CATALOG = "catalog";
    static final String DECODING_FORMAT = "decoding-format";
    static final String ENCODING_FORMAT = "encoding-format";

    /** Stands for a name (e.g. a column) in a templated key such as {@code fields.#.kind}. */
    static final String PLACEHOLDER = "#";
    /** Keys connectors such as Kafka hand to their client unchecked ({@code validateExcept("properties.")}). */
    static final String PROPERTIES_PREFIX = "properties.";

    static final String WATERMARK_ALIGNMENT_GROUP = "scan.watermark.alignment.group";
    static final String WATERMARK_ALIGNMENT_MAX_DRIFT = "scan.watermark.alignment.max-drift";
    static final String WATERMARK_ALIGNMENT_UPDATE_INTERVAL = "scan.watermark.alignment.update-interval";

    private static final String FORMAT = "format";
    private static final String FORMAT_SUFFIX = ".format";

    /**
     * {@code TableFactoryHelper} consumes {@code property-version} (never read, so any value goes)
     * and the watermark options it validates itself; {@code CatalogFactoryHelper} only the former.
     */
    private static final List<OptionReport> TABLE_IMPLICIT = List.of(
            implicit("property-version", "String", List.of()),
            implicit("scan.watermark.emit.strategy", "Enum",
                    List.of(new EnumValue("on-event", null), new EnumValue("on-periodic", null))),
            implicit(WATERMARK_ALIGNMENT_GROUP, "String", List.of()),
            implicit(WATERMARK_ALIGNMENT_MAX_DRIFT, "Duration", List.of()),
            implicit(WATERMARK_ALIGNMENT_UPDATE_INTERVAL, "Duration", List.of()),
            implicit("scan.watermark.idle-timeout", "Duration", List.of()));
    private static final List<OptionReport> CATALOG_IMPLICIT = List.of(implicit("property-version", "String", List.of()));

    private FactoryConventions() {}

    /** The key whose value is the identifier: {@code connector} for tables, {@code type} for catalogs. */
    static String discoveryKey(String family) {
        return switch (family) {
            case TABLE_CONNECTOR -> "connector";
            case CATALOG -> "type";
            default -> throw new IllegalArgumentException("Options can be validated for the families "
                    + TABLE_CONNECTOR + " and " + CATALOG + ", not " + family);
        };
    }

    /** The factory's own options followed by those Flink accepts for every factory of the family. */
    static List<OptionReport> withImplicitOptions(String family, FactoryReport factory) {
        List<OptionReport> implicit = TABLE_CONNECTOR.equals(family) ? TABLE_IMPLICIT : CATALOG_IMPLICIT;
        return Stream.concat(factory.options().stream(), implicit.stream()).toList();
    }

    /** A String option a connector may pass to format discovery: {@code format} or {@code <x>.format}. */
    static boolean isFormatOption(OptionReport option) {
        return "String".equals(option.type()) && (option.key().equals(FORMAT) || option.key().endsWith(FORMAT_SUFFIX));
    }

    /**
     * Whether the key is certainly a format identifier. Other keys ending in {@code .format} may
     * be plain strings (a date pattern), so their value counts as a format only if one is found.
     */
    static boolean isConventionalFormatOption(String key) {
        return key.equals(FORMAT) || key.equals("key" + FORMAT_SUFFIX) || key.equals("value" + FORMAT_SUFFIX);
    }

    /** {@code FactoryUtil.getFormatPrefix}: {@code json.} for {@code format}, {@code key.json.} for {@code key.format}. */
    static String formatPrefix(String formatKey, String identifier) {
        if (formatKey.equals(FORMAT)) {
            return identifier + ".";
        }
        return formatKey.substring(0, formatKey.length() - FORMAT_SUFFIX.length()) + "." + identifier + ".";
    }

    /** A source decodes, a sink encodes; a connector that does both (or neither is known) may use either. */
    static List<String> formatFamilies(FactoryReport connector) {
        boolean reads = connector.capabilities().contains("source") || connector.capabilities().contains("lookup");
        boolean writes = connector.capabilities().contains("sink");
        if (reads != writes) {
            return List.of(reads ? DECODING_FORMAT : ENCODING_FORMAT);
        }
        return List.of(DECODING_FORMAT, ENCODING_FORMAT);
    }

    /** The key and value that set the option, looking at its key, then fallback, then deprecated keys. */
    static Optional<Map.Entry<String, String>> valueOf(OptionReport option, Map<String, String> options) {
        return Stream.of(Stream.of(option.key()), option.fallbackKeys().stream(), option.deprecatedKeys().stream())
                .flatMap(keys -> keys)
                .filter(options::containsKey)
                .findFirst()
                .map(key -> Map.entry(key, options.get(key)));
    }

    private static OptionReport implicit(String key, String type, List<EnumValue> enumValues) {
        return new OptionReport(key, type, null, "", false, false, List.of(), List.of(), enumValues, false);
    }
}
