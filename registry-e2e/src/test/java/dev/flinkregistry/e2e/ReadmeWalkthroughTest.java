package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.RegistryServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the README's walkthrough as a reader would: the shell blocks marked
 * {@code <!-- readme-walkthrough: … -->}, top to bottom in one bash, from the repository root, with
 * the real {@code fcr} (its alias, as the README sets it) and curl, against a freshly started packaged
 * server. Only the server's address, the first start's token file and {@code /tmp/} are substituted.
 * Every step must exit 0 and print what the README says it does; a sequence that breaks (a refusal
 * such as {@code VERSION_LEASED}, a renamed option) fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeWalkthroughTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile("<!-- readme-walkthrough: (\\w+)[^\\n]*-->\\n```bash\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?(\\w+)'?");

    /** A step's first line and what its output must contain. */
    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("curl -s -H \"$AUTH\" http://localhost:8080/api/v1/whoami", List.of("initial-admin"));
        EXPECTED.put("curl -s -X POST \"$API/connectors?name=sequence\"", List.of("\"version\":1"));
        EXPECTED.put("curl -s -H \"$AUTH\" \"$API/connectors/sequence\"", List.of("number-of-rows"));
        EXPECTED.put("curl -s -X POST \"$API/connectors/sequence/versions\"", List.of("\"version\":2", "\"diff\""));
        EXPECTED.put("curl -s -X POST \"$API/validate\"", List.of("\"valid\":false", "UNKNOWN_OPTION",
                "MISSING_REQUIRED_OPTION"));
        EXPECTED.put("curl -s -X POST \"$API/resolve\"", List.of("\"jobId\": \"job-1\"", "\"findings\": []"));
        EXPECTED.put("curl -s -o /tmp/sequence.jar", List.of("ETag: \"", "/tmp/sequence.jar"));
        EXPECTED.put("curl -s -X POST http://localhost:8080/api/v1/tokens", List.of("\"token\":\"fcr_"));
        EXPECTED.put("curl -s -X POST http://localhost:8080/api/v1/workspaces", List.of("\"name\":\"team-a\""));
        EXPECTED.put("curl -s -H \"$AUTH\" \"$API/audit\"", List.of("connector.register"));
        EXPECTED.put("fcr analyze", List.of("ACCEPTED"));
        EXPECTED.put("fcr upload sequence", List.of("sequence version 1"));
        EXPECTED.put("fcr update sequence", List.of("sequence version 2"));
        EXPECTED.put("fcr list --capability lookup", List.of("sequence"));
        EXPECTED.put("fcr show sequence", List.of("number-of-rows"));
        EXPECTED.put("fcr versions sequence", List.of("VERSION"));
        EXPECTED.put("fcr validate /tmp/job.sql", List.of(": valid"));
        EXPECTED.put("fcr resolve /tmp/job.sql --job-id orders-job", List.of("sequence", "leased for job orders-job"));
        EXPECTED.put("fcr fetch /tmp/job.sql --print pipeline_jars", List.of("file:", "sequence-2-"));
        EXPECTED.put("fcr current sequence 1 --force", List.of("sequence"));
        EXPECTED.put("fcr lease list", List.of("job-1", "orders-job", "sequence 2"));
        EXPECTED.put("fcr lease release job-1", List.of("released the lease of job job-1",
                "released the lease of job orders-job"));
        EXPECTED.put("fcr delete sequence --version 2", List.of("deleted sequence version 2"));
        EXPECTED.put("fcr workspace list", List.of("default", "team-a", "2.2"));
    }

    private Path work;
    private RegistryServerProcess server;

    @BeforeAll
    void startServer() throws IOException {
        work = Files.createTempDirectory("readme-walkthrough-");
        server = RegistryServerProcess.start(Files.createDirectories(work.resolve("server")), Map.of());
    }

    @AfterAll
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (work != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void theReadmeWalkthroughRunsCleanlyTopToBottom() throws Exception {
        List<String> steps = new ArrayList<>();
        Matcher blocks = MARKER.matcher(Files.readString(ROOT.resolve("README.md")));
        List<String> names = new ArrayList<>();
        while (blocks.find()) {
            names.add(blocks.group(1));
            steps.addAll(steps(blocks.group(2)));
        }
        assertThat(names).containsExactly("curl", "fcr");

        Map<Integer, String> outputs = run(steps);

        for (int i = 0; i < steps.size(); i++) {
            int number = i + 1;
            String step = steps.get(i);
            String output = outputs.getOrDefault(i, "(the script ended before this step)");
            assertThat(output).as("README step %d:%n%s%nprinted:%n%s", number, step, output).contains("@@rc=0");
            EXPECTED.entrySet().stream().filter(e -> step.startsWith(e.getKey())).findFirst().ifPresent(e ->
                    assertThat(output).as("README step %d:%n%s%nprinted:%n%s", number, step, output)
                            .contains(e.getValue()));
        }
        for (String key : EXPECTED.keySet()) {
            assertThat(steps).as("the README still has a step starting %s", key).anyMatch(s -> s.startsWith(key));
        }
    }

    /** The block's commands: a line with its continuation lines and heredoc; comments and blank lines left out. */
    private static List<String> steps(String block) {
        List<String> steps = new ArrayList<>();
        String[] lines = block.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            StringBuilder step = new StringBuilder(line);
            while (lines[i].endsWith("\\") && i + 1 < lines.length) {
                step.append('\n').append(lines[++i]);
            }
            Matcher heredoc = HEREDOC.matcher(step);
            if (heredoc.find()) {
                String end = heredoc.group(1);
                while (i + 1 < lines.length && !lines[i].equals(end)) {
                    step.append('\n').append(lines[++i]);
                }
            }
            steps.add(step.toString());
        }
        return steps;
    }

    /** Runs the steps in one bash, each followed by its exit status; returns each step's output (stdout and stderr). */
    private Map<Integer, String> run(List<String> steps) throws Exception {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        StringBuilder script = new StringBuilder("shopt -s expand_aliases\nset -o pipefail\nexec 2>&1\n");
        for (int i = 0; i < steps.size(); i++) {
            script.append("echo '@@step ").append(i).append("'\n").append(substituted(steps.get(i), tmp)).append('\n')
                    .append("echo \"@@rc=$?\"\n");
        }
        Path file = work.resolve("walkthrough.sh");
        Files.writeString(file, script);
        ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(ROOT.toFile()).redirectErrorStream(true);
        bash.environment().keySet().removeIf(key -> key.startsWith("FCR_"));
        bash.environment().put("FCR_CACHE_DIR", work.resolve("cache").toString());
        bash.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        Map<Integer, String> outputs = new LinkedHashMap<>();
        Matcher step = Pattern.compile("@@step (\\d+)\\n(.*?@@rc=\\d+)", Pattern.DOTALL).matcher(output);
        while (step.find()) {
            outputs.put(Integer.parseInt(step.group(1)), step.group(2));
        }
        return outputs;
    }

    /** The documented substitutions: this server's address, its token file, a private /tmp. */
    private String substituted(String step, Path tmp) {
        return step.replace("/tmp/", tmp + "/")
                .replace("http://localhost:8080", server.baseUrl())
                .replace("data/initial-admin-token", work.resolve("server/data/initial-admin-token").toString());
    }
}
