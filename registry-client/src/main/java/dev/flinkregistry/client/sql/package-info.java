/**
 * Flink SQL helpers for job submission: {@link dev.flinkregistry.client.sql.FlinkSqlScanner}
 * finds the connector, format and catalog identifiers a script needs, so that the registry can
 * resolve them to JARs.
 */
package dev.flinkregistry.client.sql;
