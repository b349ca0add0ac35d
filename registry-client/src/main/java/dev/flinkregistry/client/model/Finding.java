package dev.flinkregistry.client.model;

import java.util.List;

/**
 * A problem the analysis found in a JAR.
 *
 * @param code a stable code such as {@code FACTORY_STATIC_INIT_FAILED}
 * @param severity {@code ERROR} (the JAR is refused) or {@code WARNING}
 * @param message what is wrong and what to do
 * @param subject the class, entry or package it is about, or null
 * @param details supporting facts
 */
public record Finding(String code, String severity, String message, String subject, List<String> details) {}
