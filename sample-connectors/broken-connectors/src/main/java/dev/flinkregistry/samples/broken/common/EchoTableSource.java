package dev.flinkregistry.samples.broken.common;

import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;

/** A lookup-only table in which every key exists: looking up a value finds that value. */
public class EchoTableSource implements LookupTableSource {

    private final String identifier;

    EchoTableSource(String identifier) {
        this.identifier = identifier;
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        return LookupFunctionProvider.of(new EchoLookupFunction());
    }

    @Override
    public DynamicTableSource copy() {
        return new EchoTableSource(identifier);
    }

    @Override
    public String asSummaryString() {
        return "Echo(" + identifier + ")";
    }
}
