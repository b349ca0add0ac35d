package dev.flinkregistry.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The client's one JSON mapping: members it does not know are ignored, so a newer server stays readable. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Json() {}

    /** A value as a parsed JSON document would hold it (maps, lists, strings, numbers), for problem members. */
    static Object asParsed(Object value) {
        return MAPPER.convertValue(value, Object.class);
    }
}
