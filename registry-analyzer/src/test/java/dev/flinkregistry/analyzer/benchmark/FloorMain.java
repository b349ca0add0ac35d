package dev.flinkregistry.analyzer.benchmark;

import java.lang.reflect.Method;
import java.util.Collection;

/**
 * The benchmark's floor: a bare JVM that loads the given factories in-process and asks each for
 * its identifier and options, with nothing else around it.
 */
public final class FloorMain {

    private FloorMain() {}

    public static void main(String[] args) throws Exception {
        for (String className : args) {
            Object factory = Class.forName(className).getDeclaredConstructor().newInstance();
            Method identifier = factory.getClass().getMethod("factoryIdentifier");
            Method required = factory.getClass().getMethod("requiredOptions");
            Method optional = factory.getClass().getMethod("optionalOptions");
            System.out.println(identifier.invoke(factory) + " " + ((Collection<?>) required.invoke(factory)).size()
                    + " " + ((Collection<?>) optional.invoke(factory)).size());
        }
    }
}
