package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.FactoryReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Validates a {@code WITH (...)} option map against the options the named factory declares, the
 * way Flink's {@code FactoryUtil.TableFactoryHelper} (tables) and {@code CatalogFactoryHelper}
 * (catalogs) do at planning time: unknown and missing keys, values that do not convert to the
 * option's type, formats and their prefixed options, deprecated keys. Thread-safe.
 */
public final class OptionValidator {

    /** The family of table connectors, named by the {@code connector} key. */
    public static final String TABLE_CONNECTOR = FactoryConventions.TABLE_CONNECTOR;
    /** The family of catalogs, named by the {@code type} key. */
    public static final String CATALOG = FactoryConventions.CATALOG;
    /** The family searched for a source's format. */
    public static final String DECODING_FORMAT = FactoryConventions.DECODING_FORMAT;
    /** The family searched for a sink's format. */
    public static final String ENCODING_FORMAT = FactoryConventions.ENCODING_FORMAT;

    private final ValueChecks values;

    /** A validator with the value syntax of Flink 1.20. */
    public OptionValidator() {
        this("1.20");
    }

    /**
     * A validator with the value syntax of an engine line such as {@code 1.20} or {@code 2.2}
     * (from 2.0 on, Flink also accepts ISO-8601 durations such as {@code PT10S}).
     */
    public OptionValidator(String flinkLine) {
        this.values = new ValueChecks(new FlinkUnits(majorVersion(flinkLine) >= 2));
    }

    /**
     * Validates the options of a table ({@code family} {@link #TABLE_CONNECTOR}, identifier under
     * {@code connector}) or a catalog ({@link #CATALOG}, identifier under {@code type}).
     *
     * @param lookup finds the connector or catalog in {@code family}, and formats in
     *     {@link #DECODING_FORMAT} or {@link #ENCODING_FORMAT}
     * @throws IllegalArgumentException for another family
     */
    public ValidationResult validate(String family, Map<String, String> options, FactoryLookup lookup) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(lookup, "lookup");
        String discoveryKey = FactoryConventions.discoveryKey(Objects.requireNonNull(family, "family"));
        Map<String, String> present = new TreeMap<>();
        options.forEach((key, value) -> {
            if (key != null && value != null) {
                present.put(key, value);
            }
        });
        String identifier = present.get(discoveryKey);
        if (identifier == null) {
            String kind = FactoryConventions.TABLE_CONNECTOR.equals(family) ? "Table" : "Catalog";
            return ValidationResult.of(null, List.of(ValidationProblem.error(ValidationCode.MISSING_IDENTIFIER,
                    discoveryKey, kind + " options have no '" + discoveryKey + "' key naming the " + family
                            + " factory to use.", null)));
        }
        Optional<FactoryReport> factory = lookup.find(family, identifier).filter(FactoryReport::loaded);
        if (factory.isEmpty()) {
            return ValidationResult.of(identifier, List.of(ValidationProblem.error(ValidationCode.UNKNOWN_IDENTIFIER,
                    discoveryKey, "No factory of family '" + family + "' has the identifier '" + identifier
                            + "': Flink would report that it could not find any factory for it.", null)));
        }
        return ValidationResult.of(identifier,
                new ValidationRun(family, factory.get(), present, lookup, values).problems());
    }

    private static int majorVersion(String flinkLine) {
        Objects.requireNonNull(flinkLine, "flinkLine");
        try {
            return Integer.parseInt(flinkLine.split("\\.", 2)[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a Flink engine line: " + flinkLine, e);
        }
    }
}
