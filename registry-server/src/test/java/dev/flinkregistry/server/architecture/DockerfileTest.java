package dev.flinkregistry.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.architecture.Dockerfile.Instruction;
import dev.flinkregistry.server.architecture.Dockerfile.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code docker build} relies on, checked without Docker. The build stage copies every module's
 * POM, resolves dependencies (its own layer), copies the sources and runs
 * {@code mvn -pl <applications> -am package}. Maven reads every module the root POM lists, nested
 * ones too, before it selects any, and {@code -am} builds every module of ours the applications are
 * built from, in any scope (test scope included). The images run as a numeric non-root user (which
 * Kubernetes' runAsNonRoot can check) on a Java that loads every supported Flink version's classes.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");
    private static final Pattern SECTION =
            Pattern.compile("<(properties|dependencies|dependencyManagement|build|modules|profiles)>");
    private static final Pattern PROJECTS = Pattern.compile("-pl\\s+(\\S+)");
    private static final Pattern BUILT_JAR = Pattern.compile("([\\w./-]+)/target/([\\w.-]+)\\.jar\\b");
    private static final Pattern JAVA_RELEASE = Pattern.compile("<runtime\\.java\\.release>(\\d+)</runtime\\.java\\.release>");

    private static Dockerfile dockerfile;
    private static Stage build;
    private static List<String> rootModules;
    private static List<String> allModules;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"));
        build = dockerfile.stage("build");
        rootModules = modulesOf("");
        allModules = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(rootModules);
        while (!todo.isEmpty()) {
            String module = todo.pop();
            allModules.add(module);
            if (Files.exists(ROOT.resolve(module).resolve("pom.xml"))) {
                modulesOf(module).forEach(child -> todo.add(module + "/" + child));
            }
        }
    }

    @Test
    void resolvesDependenciesFromThePomsOfEveryModuleBeforeAnySourceIsCopied() {
        List<String> beforeResolving = build.copiedBeforeRun(0);

        assertThat(allModules).contains("registry-server", "sample-connectors/sequence-source", "flink-runtimes/flink-2.2");
        assertThat(beforeResolving).as("what the dependency layer is built from").contains("pom.xml")
                .allSatisfy(path -> assertThat(path).matches("(.+/)?pom\\.xml"));
        assertThat(allModules).allSatisfy(module -> assertThat(beforeResolving)
                .as("the POMs copied before the first RUN").contains(module + "/pom.xml"));
        assertThat(build.all("RUN").get(0).arguments()).contains("dependency:go-offline");
    }

    @Test
    void copiesEveryModuleWhollyBetweenResolvingAndBuilding() {
        List<String> sources = build.copiedAfterRun(0);

        assertThat(build.all("RUN")).hasSize(2);
        assertThat(allModules).allSatisfy(module -> assertThat(sources).as("the sources copied before the build")
                .anyMatch(source -> module.equals(source) || module.startsWith(source + "/")));
        assertThat(sources).as("served by the server from the repository's root").contains("openapi.yaml");
    }

    /**
     * Every path copied from the build context exists, unless it belongs to a module the root POM lists
     * (a module added in parallel with the Dockerfile): then Maven itself fails on a missing module first.
     */
    @Test
    void copiesOnlyWhatExistsOrIsAModuleOfTheRootPom() {
        List<String> copied = build.instructions().stream().flatMap(i -> i.copiedFromContext().stream()).toList();

        assertThat(copied).allSatisfy(path -> assertThat(Files.exists(ROOT.resolve(path))
                || rootModules.stream().anyMatch(module -> path.equals(module) || path.startsWith(module + "/")))
                .as("%s exists or is part of a module of the root POM", path).isTrue());
    }

    @Test
    void resolvesAndBuildsTheSameApplicationsAllModulesOfTheRootPom() {
        List<String> resolved = projects(build.all("RUN").get(0));
        List<String> built = projects(build.all("RUN").get(1));

        assertThat(built).contains("registry-server", "registry-analysis-service").isEqualTo(resolved);
        assertThat(rootModules).as("the root POM's modules").containsAll(built);
    }

    @Test
    void copiesWhollyEveryModuleTheApplicationsAreBuiltWith() throws IOException {
        Map<String, String> modulesByArtifact = modulesByArtifact();
        Set<String> needed = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(projects(build.all("RUN").get(1)));
        while (!todo.isEmpty()) {
            String artifact = todo.pop();
            // A module that is not in this tree is not built from it; copiesOnlyWhatExistsOrIsAModuleOfTheRootPom.
            if (modulesByArtifact.containsKey(artifact) && needed.add(artifact)) {
                todo.addAll(ourDependencies(modulesByArtifact.get(artifact), modulesByArtifact.keySet()));
            }
        }
        List<String> sources = build.copiedAfterRun(0);

        assertThat(needed).contains("registry-analyzer", "registry-model", "registry-test-support", "flink-runtime-2.2");
        assertThat(needed).allSatisfy(artifact -> {
            String directory = modulesByArtifact.get(artifact);
            assertThat(sources).as("the Dockerfile's sources, for " + directory)
                    .anyMatch(source -> directory.equals(source) || directory.startsWith(source + "/"));
        });
    }

    @Test
    void copiesTheJarsByTheNamesTheirModulesBuild() throws IOException {
        Matcher jars = BUILT_JAR.matcher(build.all("RUN").get(1).arguments());
        List<String> checked = new ArrayList<>();
        while (jars.find()) {
            String module = jars.group(1);
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            if (jars.group(2).equals("fcr")) {
                // The command line, shaded with its dependencies into a file name of its own.
                assertThat(pom).as("the JAR %s shades", module).contains("<outputFile>${project.build.directory}/fcr.jar</outputFile>");
            } else {
                assertThat(jars.group(2)).as("the JAR %s builds", module).isEqualTo(ownArtifactId(pom) + "-" + version(pom));
            }
            checked.add(module);
        }

        assertThat(checked).containsExactlyInAnyOrder("registry-server", "registry-analysis-service", "registry-client");
    }

    @Test
    void runsOnAJavaThatLoadsTheClassesOfEveryFlinkVersionTheAnalyzerSupports() throws IOException {
        int newest = 0;
        for (String module : allModules) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            Matcher release = JAVA_RELEASE.matcher(Files.exists(pom) ? Files.readString(pom) : "");
            while (release.find()) {
                newest = Math.max(newest, Integer.parseInt(release.group(1)));
            }
        }
        Matcher java = Pattern.compile("eclipse-temurin:(\\d+)-jre").matcher(dockerfile.stage("runtime").image());

        assertThat(newest).isGreaterThanOrEqualTo(21);
        assertThat(java.find()).as("the runtime image is a Temurin JRE: " + dockerfile.stage("runtime").image()).isTrue();
        assertThat(Integer.parseInt(java.group(1))).isGreaterThanOrEqualTo(newest);
        assertThat(dockerfile.lineage(dockerfile.stage("server"))).extracting(Stage::name).contains("runtime");
        assertThat(dockerfile.lineage(dockerfile.stage("analysis-service"))).extracting(Stage::name).contains("runtime");
    }

    @Test
    void theServerIsTheDefaultTargetAndTheAnalysisServiceATargetOfItsOwn() {
        List<Stage> stages = dockerfile.stages();

        assertThat(stages.get(stages.size() - 1).name()).isEqualTo("server");
        assertImage("server", "/src/registry-server.jar", "8080");
        assertImage("analysis-service", "/src/registry-analysis-service.jar", "8081");
    }

    /**
     * The init container of fcr k8s: the shaded CLI from the build on a Temurin JRE, as a numeric
     * non-root user (the generated pod template says runAsNonRoot), with fcr as its entry point so that
     * the pod template's args are fcr's arguments, and nothing that writes outside the volume it is given.
     */
    @Test
    void theFcrImageRunsTheCommandLineAsANumericNonRootUser() {
        Stage fcr = dockerfile.stage("fcr");

        assertThat(fcr.image()).matches("eclipse-temurin:\\d+-jre");
        assertThat(fcr.all("COPY")).anyMatch(copy -> copy.arguments().equals("--from=build /src/fcr.jar /opt/fcr/fcr.jar"));
        assertThat(build.all("RUN").get(1).arguments()).contains("cp registry-client/target/fcr.jar /src/fcr.jar");
        assertThat(fcr.last("USER")).get().extracting(Instruction::arguments).asString().matches("[1-9]\\d*(:\\d+)?");
        assertThat(fcr.last("ENTRYPOINT")).get().extracting(Instruction::arguments).asString()
                .contains("\"-XX:-UsePerfData\"").endsWith("\"-jar\", \"/opt/fcr/fcr.jar\"]");
    }

    /** Its JAR from the build, a numeric non-root user, a health check on its port, and exit on out-of-memory. */
    private static void assertImage(String target, String jar, String port) {
        Stage stage = dockerfile.stage(target);
        List<Instruction> inherited = dockerfile.lineage(stage).stream().flatMap(s -> s.instructions().stream()).toList();

        assertThat(stage.all("COPY")).anyMatch(copy -> copy.arguments().startsWith("--from=build " + jar + " "));
        String user = stage.last("USER").orElseThrow(() -> new AssertionError(target + " sets no USER")).arguments();
        assertThat(user).as("the user of " + target).matches("[1-9]\\d*(:\\d+)?");
        assertThat(stage.last("HEALTHCHECK")).as("the health check of " + target).get().extracting(Instruction::arguments)
                .asString().contains("127.0.0.1:" + port + "/actuator/health/liveness");
        assertThat(stage.last("EXPOSE")).get().extracting(Instruction::arguments).isEqualTo(port);
        assertThat(stage.last("ENTRYPOINT")).get().extracting(Instruction::arguments).asString()
                .contains("\"-XX:+ExitOnOutOfMemoryError\"").contains(jar.replace("/src/", "/opt/registry/"));
        assertThat(inherited).as("no stage under " + target + " switches back to root")
                .noneMatch(i -> i.keyword().equals("USER") && i.arguments().matches("(0|root)(:.*)?"));
    }

    private static List<String> projects(Instruction run) {
        Matcher projects = PROJECTS.matcher(run.arguments());
        assertThat(projects.find()).as("-pl in " + run.arguments()).isTrue();
        return List.of(projects.group(1).split(","));
    }

    private static List<String> modulesOf(String directory) throws IOException {
        String pom = Files.readString(ROOT.resolve(directory).resolve("pom.xml"));
        return MODULE.matcher(pom).results().map(m -> m.group(1)).toList();
    }

    /** Each module directory (relative to the root) of this repository by the artifactId its POM declares. */
    private static Map<String, String> modulesByArtifact() throws IOException {
        Map<String, String> modules = new HashMap<>();
        for (String module : allModules) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            if (Files.exists(pom)) {
                modules.put(ownArtifactId(Files.readString(pom)), module);
            }
        }
        return modules;
    }

    private static String ownArtifactId(String pom) {
        Matcher own = ARTIFACT_ID.matcher(pom);
        assertThat(own.find(Math.max(0, pom.indexOf("</parent>")))).isTrue();
        return own.group(1);
    }

    /** The module's own version (between its parent and its first section), else its parent's. */
    private static String version(String pom) {
        int afterParent = Math.max(0, pom.indexOf("</parent>"));
        Matcher section = SECTION.matcher(pom);
        int end = section.find(afterParent) ? section.start() : pom.length();
        Matcher own = VERSION.matcher(pom.substring(afterParent, end));
        if (own.find()) {
            return own.group(1);
        }
        Matcher parents = VERSION.matcher(pom);
        assertThat(parents.find()).as("a version in " + pom).isTrue();
        return parents.group(1);
    }

    private static List<String> ourDependencies(String module, Set<String> ours) throws IOException {
        if (module == null) {
            return List.of();
        }
        String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
        return DEPENDENCY.matcher(pom).results().map(m -> m.group(1))
                .filter(dependency -> dependency.contains("<groupId>dev.flinkregistry</groupId>"))
                .map(dependency -> {
                    Matcher artifact = ARTIFACT_ID.matcher(dependency);
                    return artifact.find() ? artifact.group(1) : "";
                })
                .filter(ours::contains).toList();
    }
}
