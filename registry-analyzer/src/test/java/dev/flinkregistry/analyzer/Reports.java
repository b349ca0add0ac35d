package dev.flinkregistry.analyzer;

import java.util.List;

/** Looks things up in an analysis, failing with a message that shows what was there instead. */
public final class Reports {

    private Reports() {}

    /** The codes of the analysis' findings, in report order (duplicates kept). */
    public static List<String> codes(JarAnalysis analysis) {
        return analysis.findings().stream().map(Finding::code).toList();
    }

    /** The one finding with this code. */
    public static Finding finding(JarAnalysis analysis, String code) {
        List<Finding> found = analysis.findings(code);
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + code + " finding but found " + found.size() + " in "
                    + analysis.findings());
        }
        return found.get(0);
    }

    /** The one loaded factory with this identifier. */
    public static FactoryReport factory(JarAnalysis analysis, String identifier) {
        List<FactoryReport> found = analysis.factories().stream()
                .filter(f -> f.loaded() && identifier.equals(f.identifier())).toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one loaded factory '" + identifier + "' but found " + found.size()
                    + " among " + analysis.factories().stream().map(f -> f.className() + "=" + f.identifier()).toList());
        }
        return found.get(0);
    }

    /** The one loaded factory with this identifier in this family. */
    public static FactoryReport factory(JarAnalysis analysis, String family, String identifier) {
        List<FactoryReport> found = analysis.factories().stream()
                .filter(f -> f.loaded() && identifier.equals(f.identifier()) && f.families().contains(family)).toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one loaded " + family + " factory '" + identifier + "' but found "
                    + found.size() + " among " + analysis.factories());
        }
        return found.get(0);
    }

    /** The factory report of this class. */
    public static FactoryReport factoryClass(JarAnalysis analysis, String className) {
        return analysis.factories().stream().filter(f -> f.className().equals(className)).findFirst()
                .orElseThrow(() -> new AssertionError("No factory " + className + " among "
                        + analysis.factories().stream().map(FactoryReport::className).toList()));
    }

    /** The option with this key. */
    public static OptionReport option(FactoryReport factory, String key) {
        return factory.options().stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("'" + factory.identifier() + "' has no option " + key
                        + "; it has " + factory.options().stream().map(OptionReport::key).toList()));
    }
}
