package dev.flinkregistry.analyzer;

/** One value an Enum option accepts, with its description when the enum describes itself. */
public record EnumValue(String value, String description) {}
