package dev.flinkregistry.analyzer;

import java.util.List;

/** Thrown for a Flink engine version the analyzer has no runtime for. */
public class UnsupportedFlinkVersionException extends IllegalArgumentException {

    private final String requested;

    public UnsupportedFlinkVersionException(String requested, List<String> supported) {
        super("Flink " + requested + " is not supported; supported versions: " + String.join(", ", supported));
        this.requested = requested;
    }

    public String requested() {
        return requested;
    }
}
