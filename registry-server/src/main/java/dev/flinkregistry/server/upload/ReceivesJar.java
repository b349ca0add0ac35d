package dev.flinkregistry.server.upload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that receives a JAR through {@link Uploads}: it takes one of the upload slots
 * ({@code registry.uploads.max-concurrent}, per client and overall) before its body is read.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReceivesJar {
}
