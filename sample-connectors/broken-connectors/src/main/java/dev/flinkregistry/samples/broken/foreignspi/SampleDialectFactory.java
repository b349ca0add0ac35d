package dev.flinkregistry.samples.broken.foreignspi;

/**
 * Stands for a JDBC dialect: its JAR declares it only as a service of the JDBC connector's own
 * extension point (org.apache.flink.connector.jdbc.dialect.JdbcDialectFactory), no Flink factory.
 */
public class SampleDialectFactory {

    public boolean acceptsURL(String url) {
        return url.startsWith("jdbc:sample:");
    }
}
