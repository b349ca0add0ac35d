package dev.flinkregistry.server.explain;

import java.util.List;

/**
 * One problem recognised in a Flink error text, with what the message itself says.
 *
 * @param family the registry's family name derived from the factory interface Flink named, or null
 * @param factoryInterface the interface Flink named ({@code org.apache.flink.table.factories.DynamicTableFactory}), or null
 * @param className the missing class (CLASS_NOT_FOUND), or null
 * @param unsupported the keys Flink did not accept (UNSUPPORTED_OPTIONS)
 * @param supported the keys Flink listed as supported (UNSUPPORTED_OPTIONS), without "(deprecated)"
 * @param classes the ambiguous factory classes (MULTIPLE_FACTORIES)
 */
record ErrorClue(ExplainKind kind, String identifier, String family, String factoryInterface, String className,
                 List<String> unsupported, List<String> supported, List<String> classes) {

    ErrorClue {
        unsupported = List.copyOf(unsupported);
        supported = List.copyOf(supported);
        classes = List.copyOf(classes);
    }

    /** Two clues are the same problem when kind, subject and family agree (a stack trace repeats messages). */
    String key() {
        return kind + "\n" + identifier + "\n" + family + "\n" + className;
    }
}
