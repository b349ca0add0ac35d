package dev.flinkregistry.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile builds the server with {@code mvn -pl registry-server -am} from the directories it
 * copies. Maven reads every module the root POM lists before it selects any, and {@code -am} builds
 * every module of ours the server depends on, in any scope (test scope included).
 */
class DockerfileTest {

    private static final Path ROOT = Path.of("..");
    private static final Path ABSOLUTE_ROOT = ROOT.toAbsolutePath().normalize();
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void copiesAtLeastThePomOfEveryModuleTheRootPomLists() throws IOException {
        List<String> modules = Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(ROOT.resolve("pom.xml"))).results().map(m -> m.group(1)).toList();
        List<String> copied = copiedSources();

        assertThat(modules).contains("registry-server", "registry-test-support");
        assertThat(modules).allSatisfy(module -> assertThat(copied).as("the Dockerfile's COPY sources")
                .anyMatch(source -> source.equals(module) || source.equals(module + "/pom.xml")));
    }

    @Test
    void copiesWhollyEveryModuleTheServerIsBuiltWith() throws IOException {
        Map<String, Path> modulesByArtifact = modulesByArtifact();
        Set<String> needed = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("registry-server"));
        while (!todo.isEmpty()) {
            String artifact = todo.pop();
            if (needed.add(artifact)) {
                todo.addAll(ourDependencies(modulesByArtifact.get(artifact), modulesByArtifact.keySet()));
            }
        }
        List<String> copied = copiedSources();

        assertThat(needed).contains("registry-analyzer", "registry-model", "registry-test-support");
        assertThat(needed).allSatisfy(artifact -> {
            String directory = ROOT.relativize(modulesByArtifact.get(artifact)).toString();
            assertThat(copied).as("the Dockerfile's COPY sources, for " + directory)
                    .anyMatch(source -> directory.equals(source) || directory.startsWith(source + "/"));
        });
    }

    /** The first argument of each {@code COPY} from the build context. */
    private static List<String> copiedSources() throws IOException {
        return Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY ") && !line.contains("--from"))
                .map(line -> line.split("\\s+")[1].replaceAll("/$", "")).toList();
    }

    /** Each module directory of this repository by the artifactId its POM declares. */
    private static Map<String, Path> modulesByArtifact() throws IOException {
        Map<String, Path> modules = new HashMap<>();
        try (Stream<Path> poms = Files.walk(ABSOLUTE_ROOT, 3)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")
                    && !p.toString().contains("/target/")).toList()) {
                String text = Files.readString(pom);
                int afterParent = Math.max(0, text.indexOf("</parent>"));
                Matcher own = ARTIFACT_ID.matcher(text);
                if (own.find(afterParent)) {
                    modules.put(own.group(1), ROOT.resolve(ABSOLUTE_ROOT.relativize(pom.getParent()).toString()));
                }
            }
        }
        return modules;
    }

    private static List<String> ourDependencies(Path module, Set<String> ours) throws IOException {
        String pom = Files.readString(module.resolve("pom.xml"));
        return DEPENDENCY.matcher(pom).results().map(m -> m.group(1))
                .filter(dependency -> dependency.contains("<groupId>dev.flinkregistry</groupId>"))
                .map(dependency -> {
                    Matcher artifact = ARTIFACT_ID.matcher(dependency);
                    return artifact.find() ? artifact.group(1) : "";
                })
                .filter(ours::contains).toList();
    }
}
