package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryClient.AcceptFindings;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --accept-findings} and {@code --accept-reason} of {@code upload} and {@code update}. */
class AcceptOptions {

    @Option(names = "--accept-findings", split = ",", paramLabel = "CODE",
            description = "Register even though the analysis refuses the JAR with these error findings "
                    + "(workspace admins only; comma-separated codes, e.g. FACTORY_FLINK_API_MISSING). "
                    + "Needs --accept-reason.")
    List<String> codes;

    @Option(names = "--accept-reason", paramLabel = "TEXT",
            description = "Why the findings are accepted (one line, at most 500 characters); recorded with the "
                    + "version and in the audit log.")
    String reason;

    /** The acceptance asked for, or null; one option without the other is bad usage. */
    AcceptFindings accept(CommandLine.Model.CommandSpec spec) {
        if ((codes == null) != (reason == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--accept-findings and --accept-reason go together: name the findings and say why");
        }
        return codes == null ? null : new AcceptFindings(codes, reason);
    }
}
