package dev.flinkregistry.analyzer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a factory misses an {@code org.apache.flink.*} class, which the worker, knowing only its
 * own Flink version, cannot: another supported Flink version has it (the JAR was built for that
 * version); a Flink module that is not in the distribution's {@code lib/} has it (the SQL gateway,
 * the planner behind its loader); a connector's or format's own module has it, which the JAR
 * expects beside it (a thin JAR's {@code …-base} module); or nothing known has it.
 */
final class MissingClasses {

    private static final Pattern NEEDS_CLASS = Pattern.compile("^needs class ([\\w.$]+)");

    /** A module some Flink classes come from: its artifact and where it is. */
    private record Module(String artifact, boolean flinkOutsideLib) {}

    /** By package prefix, most specific first. */
    private static final Map<String, Module> MODULES = new LinkedHashMap<>();

    static {
        flink("org.apache.flink.table.gateway.", "flink-sql-gateway-api");
        flink("org.apache.flink.table.endpoint.", "flink-sql-gateway");
        flink("org.apache.flink.table.planner.", "flink-table-planner (Flink's lib/ holds only its loader, which hides it)");
        flink("org.apache.flink.cep.", "flink-cep");
        flink("org.apache.flink.python.", "flink-python");
        flink("org.apache.flink.state.", "a state backend module");
        sibling("org.apache.flink.connector.jdbc.", "flink-connector-jdbc (or its -core module)");
        sibling("org.apache.flink.connector.kafka.", "flink-connector-kafka");
        sibling("org.apache.flink.streaming.connectors.kafka.", "flink-connector-kafka");
        sibling("org.apache.flink.connector.elasticsearch.", "flink-connector-elasticsearch-base");
        sibling("org.apache.flink.streaming.connectors.elasticsearch.", "flink-connector-elasticsearch-base");
        sibling("org.apache.flink.connector.opensearch.", "flink-connector-opensearch-base");
        sibling("org.apache.flink.connector.aws.", "flink-connector-aws-base");
        sibling("org.apache.flink.connector.kinesis.", "flink-connector-aws-kinesis-streams");
        sibling("org.apache.flink.connector.hbase.", "flink-connector-hbase-base");
        sibling("org.apache.flink.connector.mongodb.", "flink-connector-mongodb");
        sibling("org.apache.flink.connector.pulsar.", "flink-connector-pulsar");
        sibling("org.apache.flink.connectors.hive.", "flink-connector-hive");
        sibling("org.apache.flink.table.catalog.hive.", "flink-connector-hive");
        sibling("org.apache.flink.formats.avro.", "flink-avro");
        sibling("org.apache.flink.formats.parquet.", "flink-parquet");
        sibling("org.apache.flink.formats.protobuf.", "flink-protobuf");
        sibling("org.apache.flink.orc.", "flink-orc");
        sibling("org.apache.flink.cdc.", "flink-cdc's base modules");
    }

    private MissingClasses() {}

    private static void flink(String prefix, String artifact) {
        MODULES.put(prefix, new Module(artifact, true));
    }

    private static void sibling(String prefix, String artifact) {
        MODULES.put(prefix, new Module(artifact, false));
    }

    /** The factories, each {@code FACTORY_FLINK_API_MISSING} failure given its right cause. */
    static List<FactoryReport> attribute(List<FactoryReport> factories, FlinkRuntime target,
                                         Collection<FlinkRuntime> all) {
        List<FactoryReport> result = new ArrayList<>();
        for (FactoryReport factory : factories) {
            FactoryFailure failure = factory.failure();
            Matcher needs = failure == null ? null : NEEDS_CLASS.matcher(failure.message());
            if (failure == null || !FindingCode.FACTORY_FLINK_API_MISSING.name().equals(failure.code())
                    || !needs.find()) {
                result.add(factory);
                continue;
            }
            String missing = needs.group(1);
            String[] cause = cause(missing, target, all);
            result.add(FactoryReport.failed(factory.className(), factory.declared(), new FactoryFailure(cause[0],
                    cause[1], failure.exception(), failure.stackTrace(), failure.skippedByFlink())));
        }
        return result;
    }

    /** The code and message for a missing Flink class. */
    static String[] cause(String missing, FlinkRuntime target, Collection<FlinkRuntime> all) {
        String internal = missing.replace('.', '/');
        List<String> having = all.stream().filter(r -> !r.line().equals(target.line()) && r.ships(internal))
                .map(FlinkRuntime::line).toList();
        if (!having.isEmpty()) {
            return new String[] {FindingCode.FACTORY_FLINK_API_MISSING.name(), "needs class " + missing
                    + ", which Flink " + String.join(" and ", having) + " has but Flink " + target.line()
                    + " does not: the JAR was built against another Flink version; use its release for Flink "
                    + target.line()};
        }
        for (Map.Entry<String, Module> module : MODULES.entrySet()) {
            if (missing.startsWith(module.getKey())) {
                Module from = module.getValue();
                String where = from.flinkOutsideLib()
                        ? "a Flink module that is not in the distribution's lib/, so a job's class path does not have "
                                + "it: bundle it into the JAR, or put its JAR beside this one"
                        : "the connector's own module that this JAR expects beside it: use the connector's SQL "
                                + "bundle (flink-sql-connector-…), or put that module's JAR beside this one";
                return new String[] {FindingCode.FACTORY_DEPENDENCY_MISSING.name(), "needs class " + missing
                        + " from " + from.artifact() + ", " + where};
            }
        }
        List<String> lines = all.stream().map(FlinkRuntime::line).toList();
        return new String[] {FindingCode.FACTORY_DEPENDENCY_MISSING.name(), "needs class " + missing
                + ", which no Flink distribution ships (checked: Flink " + String.join(", ", lines) + "): it "
                + "comes from a module outside Flink's lib/ (a connector's sibling module or an optional Flink "
                + "module); bundle it into the JAR, or put that module's JAR beside this one"};
    }
}
