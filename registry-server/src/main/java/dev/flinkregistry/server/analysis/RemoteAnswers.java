package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.Isolation;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.model.Family;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The checks an answer of the remote analysis service passes before the server uses it. The service
 * runs uploaded code, so a compromised one could answer anything: what can be checked here is — the
 * bytes it analysed are this server's (digest and size), the Flink line is the one asked for, the
 * verdict follows from the findings and factories it reports, and every family is one Flink has.
 */
final class RemoteAnswers {

    private static final int MAX_REASON = 2_000;

    private RemoteAnswers() {}

    static JarAnalysis analysis(JarAnalysis analysis, String flinkLine, String sha256, long sizeBytes) {
        check(analysis != null, "an empty answer");
        check(flinkLine.equals(analysis.flinkVersion()), "an analysis for Flink " + analysis.flinkVersion()
                + " instead of " + flinkLine);
        check(analysis.jar() != null, "an analysis without the JAR's facts");
        check(sha256.equalsIgnoreCase(String.valueOf(analysis.jar().sha256())) && analysis.jar().sizeBytes() == sizeBytes,
                "an analysis of other bytes than those sent");
        for (FactoryReport factory : analysis.factories()) {
            check(factory != null && factory.className() != null && !factory.className().isBlank(),
                    "a factory without a class name");
            check(!factory.loaded() || (factory.identifier() != null && !factory.identifier().isBlank()),
                    "a loaded factory without an identifier");
            factory.families().forEach(family -> check(Family.fromWireName(family).isPresent(),
                    "a factory of an unknown family"));
        }
        for (Finding finding : analysis.findings()) {
            check(finding != null && finding.code() != null && finding.severity() != null, "an incomplete finding");
        }
        boolean accepted = analysis.findings().stream().noneMatch(FindingCode::refuses)
                && analysis.factories().stream().anyMatch(f -> f.declared() && f.loaded());
        check(accepted == analysis.accepted(), "a verdict its own findings contradict");
        return analysis;
    }

    static FlinkRuntimeInfo runtime(FlinkRuntimeInfo runtime, String flinkLine) {
        check(runtime != null && flinkLine.equals(runtime.line()) && runtime.release() != null
                && runtime.release().startsWith(flinkLine + "."), "a runtime of another Flink line");
        for (FactoryReport factory : runtime.builtinFactories()) {
            check(factory != null && factory.identifier() != null && !factory.families().isEmpty()
                    && factory.families().stream().allMatch(f -> Family.fromWireName(f).isPresent()),
                    "a built-in factory without identifier or known family");
        }
        return runtime;
    }

    /** The service's {@code /v1/isolation} answer; its reason is shown to operators, so it is bounded. */
    static IsolationStatus isolation(JsonNode answer) {
        JsonNode mechanism = answer.path("mechanism");
        check(answer.path("available").isBoolean() && mechanism.isString(), "an isolation status without its fields");
        Isolation isolation;
        try {
            isolation = Isolation.valueOf(mechanism.asString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new AnalysisServiceUnavailableException("the service answered an unknown isolation mechanism");
        }
        String reason = answer.path("reason").asString("");
        reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
        return new IsolationStatus(answer.path("available").asBoolean(), isolation, "analysis service: " + reason);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AnalysisServiceUnavailableException("the service answered " + what);
        }
    }
}
