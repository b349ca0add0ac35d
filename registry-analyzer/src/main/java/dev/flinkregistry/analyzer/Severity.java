package dev.flinkregistry.analyzer;

/** How much a finding matters: an error refuses registration, a warning is registered and shown. */
public enum Severity {
    ERROR,
    WARNING
}
