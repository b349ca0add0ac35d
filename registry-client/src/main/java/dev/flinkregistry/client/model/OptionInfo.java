package dev.flinkregistry.client.model;

import java.util.List;

/**
 * A {@code WITH (...)} option a factory declares.
 *
 * @param key the option key
 * @param type {@code String}, {@code Integer}, {@code Duration}, {@code Enum}, {@code List<String>}, …
 * @param defaultValue the default as Flink's docs write it ({@code 5 min}), or null
 * @param description plain text
 * @param required whether the factory requires it
 * @param forwarded whether it can change without changing the job's plan
 * @param fallbackKeys other keys accepted for it
 * @param deprecatedKeys deprecated keys accepted for it
 * @param enumValues the values an Enum option accepts
 * @param sensitive whether it holds a secret
 */
public record OptionInfo(String key, String type, String defaultValue, String description, boolean required,
                         boolean forwarded, List<String> fallbackKeys, List<String> deprecatedKeys,
                         List<EnumValue> enumValues, boolean sensitive) {

    /** A value of an Enum option, with its description when it has one. */
    public record EnumValue(String value, String description) {}
}
