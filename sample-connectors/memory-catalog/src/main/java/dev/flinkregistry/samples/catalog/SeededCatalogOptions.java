package dev.flinkregistry.samples.catalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.CommonCatalogOptions;

import java.util.List;
import java.util.Map;

/** Options of the {@code seeded-memory} catalog. */
public final class SeededCatalogOptions {

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key(CommonCatalogOptions.DEFAULT_DATABASE_KEY)
                    .stringType()
                    .defaultValue("default")
                    .withDescription("Database that is current when the catalog is used.");

    public static final ConfigOption<List<String>> DATABASES =
            ConfigOptions.key("databases")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Databases that exist as soon as the catalog opens, separated by ';'.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "User recorded as the owner in the comment of the seeded databases.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Password of the user; required together with 'username' and never"
                                + " stored.");

    public static final ConfigOption<Map<String, String>> PROPERTIES =
            ConfigOptions.key("properties")
                    .mapType()
                    .noDefaultValue()
                    .withDescription(
                            "Properties of every seeded database, as 'key1:value1,key2:value2'.");

    private SeededCatalogOptions() {}
}
