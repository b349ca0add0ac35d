package dev.flinkregistry.server.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A Dockerfile read as its stages and their instructions (continuation lines joined, comments dropped). */
record Dockerfile(List<Stage> stages) {

    /** One instruction: its keyword in upper case and the rest of the line. */
    record Instruction(String keyword, String arguments) {

        /** The arguments split on white space. */
        List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }

        /** For {@code COPY src dst} from the build context: src without a trailing slash; empty otherwise. */
        Optional<String> copiedFromContext() {
            if (!keyword.equals("COPY") || arguments.contains("--from=")) {
                return Optional.empty();
            }
            return Optional.of(words().get(0).replaceAll("/$", ""));
        }
    }

    /** A {@code FROM image [AS name]} and the instructions up to the next one. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        /** The build-context paths copied before the {@code n}-th (0-based) RUN, or after the last RUN if n is -1. */
        List<String> copiedBeforeRun(int n) {
            List<String> copied = new ArrayList<>();
            int runs = 0;
            for (Instruction instruction : instructions) {
                if (instruction.keyword().equals("RUN") && runs++ == n) {
                    break;
                }
                instruction.copiedFromContext().ifPresent(copied::add);
            }
            return copied;
        }

        /** The build-context paths copied between the {@code n}-th and the next RUN. */
        List<String> copiedAfterRun(int n) {
            List<String> before = copiedBeforeRun(n + 1);
            return before.subList(copiedBeforeRun(n).size(), before.size());
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                logical.add(current.append(line).toString());
                current.setLength(0);
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (String line : logical) {
            String[] parts = line.trim().split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                List<String> words = instruction.words();
                String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : "";
                stages.add(new Stage(words.get(0), name, new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("The Dockerfile has no stage named " + name));
    }

    /** The stage a stage is built on, followed through {@code FROM <stage>}, itself first. */
    List<Stage> lineage(Stage stage) {
        List<Stage> lineage = new ArrayList<>(List.of(stage));
        Optional<Stage> parent = stages.stream().filter(s -> s.name().equals(stage.image())).findFirst();
        parent.ifPresent(p -> lineage.addAll(lineage(p)));
        return lineage;
    }
}
