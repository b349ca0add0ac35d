/**
 * Flink SQL helpers for job submission: {@link dev.flinkregistry.sql.FlinkSqlScanner}
 * finds the connector, format and catalog identifiers a script needs, so that the registry can
 * resolve them to JARs.
 */
package dev.flinkregistry.sql;
