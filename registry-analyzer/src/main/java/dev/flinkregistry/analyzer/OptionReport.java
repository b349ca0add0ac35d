package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * A {@code ConfigOption} a factory declares, rendered as Flink's own documentation renders it.
 *
 * @param key the key users write in {@code WITH (...)}
 * @param type {@code String}, {@code Integer}, {@code Duration}, {@code MemorySize}, {@code Enum},
 *     {@code List<String>}, {@code Map}, …
 * @param defaultValue the default as Flink's docs write it ({@code 5 min}, {@code 64 kb}), or null
 * @param description plain text
 * @param required listed in {@code requiredOptions()}
 * @param forwarded listed in {@code forwardOptions()}: may change without changing the job's plan
 * @param fallbackKeys keys also accepted
 * @param deprecatedKeys keys also accepted but deprecated
 * @param enumValues the accepted values of an Enum option
 * @param sensitive a secret (a password, a key) that must not be shown
 */
public record OptionReport(
        String key,
        String type,
        String defaultValue,
        String description,
        boolean required,
        boolean forwarded,
        List<String> fallbackKeys,
        List<String> deprecatedKeys,
        List<EnumValue> enumValues,
        boolean sensitive) {

    public OptionReport {
        fallbackKeys = fallbackKeys == null ? List.of() : List.copyOf(fallbackKeys);
        deprecatedKeys = deprecatedKeys == null ? List.of() : List.copyOf(deprecatedKeys);
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }
}
