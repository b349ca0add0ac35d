package dev.flinkregistry.samples.broken.skipped;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpoint;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpointFactory;

/**
 * A SQL gateway endpoint, as a Hive bundle declares one: its interface is in flink-sql-gateway-api,
 * which is not in Flink's lib/, so loading the class throws NoClassDefFoundError and Flink's
 * discovery skips it.
 */
public class GatewayEndpointFactory implements SqlGatewayEndpointFactory {

    @Override
    public SqlGatewayEndpoint createSqlGatewayEndpoint(Context context) {
        throw new UnsupportedOperationException("a sample");
    }

    @Override
    public String factoryIdentifier() {
        return "sample-endpoint";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }
}
