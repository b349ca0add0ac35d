package dev.flinkregistry.samples.catalog;

import static dev.flinkregistry.samples.catalog.SeededCatalogOptions.DATABASES;
import static dev.flinkregistry.samples.catalog.SeededCatalogOptions.DEFAULT_DATABASE;
import static dev.flinkregistry.samples.catalog.SeededCatalogOptions.PASSWORD;
import static dev.flinkregistry.samples.catalog.SeededCatalogOptions.PROPERTIES;
import static dev.flinkregistry.samples.catalog.SeededCatalogOptions.USERNAME;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the {@code seeded-memory} catalog: Flink's in-memory catalog with databases made up
 * front.
 */
public class SeededCatalogFactory implements CatalogFactory {

    public static final String IDENTIFIER = "seeded-memory";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(DEFAULT_DATABASE, DATABASES, USERNAME, PASSWORD, PROPERTIES);
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();

        Optional<String> username = options.getOptional(USERNAME);
        if (username.isPresent() != options.getOptional(PASSWORD).isPresent()) {
            throw new ValidationException(
                    "Options 'username' and 'password' of catalog '"
                            + context.getName()
                            + "' must be set together.");
        }
        List<String> databases = options.getOptional(DATABASES).orElse(List.of());
        Map<String, String> properties = options.getOptional(PROPERTIES).orElse(Map.of());
        String comment =
                username.map(user -> "Seeded for " + user + ".").orElse("Seeded at catalog start.");
        return new SeededCatalog(
                context.getName(), options.get(DEFAULT_DATABASE), databases, properties, comment);
    }
}
