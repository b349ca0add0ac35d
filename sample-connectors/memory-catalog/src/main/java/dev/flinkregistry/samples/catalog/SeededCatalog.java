package dev.flinkregistry.samples.catalog;

import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.GenericInMemoryCatalog;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;

import java.util.List;
import java.util.Map;

/** An in-memory catalog that creates its configured databases when it opens. */
public class SeededCatalog extends GenericInMemoryCatalog {

    private final List<String> databases;
    private final Map<String, String> properties;
    private final String comment;

    SeededCatalog(
            String name,
            String defaultDatabase,
            List<String> databases,
            Map<String, String> properties,
            String comment) {
        super(name, defaultDatabase);
        this.databases = List.copyOf(databases);
        this.properties = Map.copyOf(properties);
        this.comment = comment;
    }

    @Override
    public void open() {
        super.open();
        for (String database : databases) {
            try {
                createDatabase(database, new CatalogDatabaseImpl(properties, comment), true);
            } catch (DatabaseAlreadyExistException e) {
                // Unreachable: an existing database is skipped, as asked by ignoreIfExists.
                throw new CatalogException("Cannot seed database '" + database + "'", e);
            }
        }
    }
}
