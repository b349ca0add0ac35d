package dev.flinkregistry.server.explain;

import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.connector.ProviderQueries;
import dev.flinkregistry.server.connector.VersionClasses;
import dev.flinkregistry.server.explain.Explanation.ExplainedProblem;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Explains a failed Flink job from its error text: recognises Flink's factory and class-loading
 * errors ({@link FlinkErrorText}) and answers each from what the workspace's registry knows.
 */
@Service
class ExplainService {

    static final String NOTHING_RECOGNISED = "No Flink factory, option or class-loading error was recognised in the "
            + "text. explain knows \"Could not find any factory for identifier\", \"Could not find any format factory\", "
            + "\"Multiple factories for identifier\", \"Unsupported options found for\", NoClassDefFoundError and "
            + "ClassNotFoundException; send the whole stack trace, including its \"Caused by:\" parts.";

    /** At most this many distinct problems are explained per request (each costs registry look-ups). */
    static final int MAX_PROBLEMS = 50;

    private final WorkspaceService workspaces;
    private final AnalysisService analysis;
    private final ProviderQueries queries;
    private final VersionClasses classes;
    private final MeterRegistry meters;

    ExplainService(WorkspaceService workspaces, AnalysisService analysis, ProviderQueries queries,
                   VersionClasses classes, MeterRegistry meters) {
        this.workspaces = workspaces;
        this.analysis = analysis;
        this.queries = queries;
        this.classes = classes;
        this.meters = meters;
    }

    Explanation explain(String workspace, String errorText, String baseUrl) {
        WorkspaceInfo info = workspaces.get(workspace);
        List<ErrorClue> clues = FlinkErrorText.clues(errorText);
        meters.counter("registry.explains", "recognised", String.valueOf(!clues.isEmpty())).increment();
        if (clues.isEmpty()) {
            return new Explanation(workspace, info.flinkVersion(), List.of(), NOTHING_RECOGNISED);
        }
        FlinkRuntimeInfo runtime = analysis.runtime(info.flinkVersion());
        Workspace ws = new Workspace(info, runtime.release(), runtime.builtinFactories(), queries, baseUrl);
        List<ExplainedProblem> problems = clues.stream().limit(MAX_PROBLEMS).map(clue -> explain(ws, clue)).toList();
        String cut = clues.size() > MAX_PROBLEMS ? "The text shows " + clues.size() + " distinct problems; only the "
                + "first " + MAX_PROBLEMS + " are explained. Send the failing job's stack trace rather than a whole log."
                : null;
        return new Explanation(workspace, info.flinkVersion(), problems, cut);
    }

    private ExplainedProblem explain(Workspace ws, ErrorClue clue) {
        return switch (clue.kind()) {
            case FACTORY_NOT_FOUND, FORMAT_FACTORY_NOT_FOUND -> MissingFactory.explain(ws, clue);
            case MULTIPLE_FACTORIES -> AmbiguousFactory.explain(ws, clue, classes);
            case UNSUPPORTED_OPTIONS -> UnsupportedOptions.explain(ws, clue);
            case CLASS_NOT_FOUND -> MissingClass.explain(ws, clue, classes);
        };
    }
}
