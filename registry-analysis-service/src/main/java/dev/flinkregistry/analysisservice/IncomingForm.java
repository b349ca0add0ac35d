package dev.flinkregistry.analysisservice;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.springframework.stereotype.Component;

/**
 * Receives a {@code multipart/form-data} analysis request: one {@code jar} part and, in class-path
 * order, up to {@code registry.analysis.max-dependencies} {@code dependency} parts. Tomcat writes each
 * part to {@code work-dir/incoming} as it streams in, cut at the limits of {@link MultipartLimits};
 * each is then moved to a scratch name of this service's and hashed ({@link IncomingJars#adopt}).
 * Nothing is held whole in memory or on disk twice, and nothing outlives the request.
 */
@Component
class IncomingForm {

    static final String JAR_PART = "jar";
    static final String DEPENDENCY_PART = "dependency";
    private static final int MAX_FILE_NAME = 255;

    private final IncomingJars jars;
    private final int maxDependencies;
    private final long maxDependenciesBytes;

    IncomingForm(IncomingJars jars, ServiceSettings settings) {
        this.jars = jars;
        this.maxDependencies = settings.maxDependencies();
        this.maxDependenciesBytes = settings.maxDependenciesSize().toBytes();
    }

    /** A received form: the JAR and its dependencies in the order sent; closing it deletes them all. */
    record Received(IncomingJars.Received jar, List<IncomingJars.Received> dependencies) implements AutoCloseable {
        @Override
        public void close() {
            jar.close();
            dependencies.forEach(IncomingJars.Received::close);
        }

        List<java.nio.file.Path> dependencyFiles() {
            return dependencies.stream().map(IncomingJars.Received::file).toList();
        }
    }

    Received receive(HttpServletRequest request) throws IOException {
        Collection<Part> parts = parts(request);
        List<IncomingJars.Received> received = new ArrayList<>();
        try {
            Part jar = null;
            List<Part> dependencies = new ArrayList<>();
            for (Part part : parts) {
                checkFileName(part);
                if (JAR_PART.equals(part.getName()) && jar == null) {
                    jar = part;
                } else if (DEPENDENCY_PART.equals(part.getName())) {
                    dependencies.add(part);
                } else {
                    throw new ServiceException(400, "UNEXPECTED_PART", "A form has one 'jar' part and 'dependency' "
                            + "parts only, not " + (JAR_PART.equals(part.getName()) ? "a second 'jar'"
                            : "a part named '" + printable(part.getName()) + "'"));
                }
            }
            if (jar == null || jar.getSize() == 0) {
                throw new ServiceException(400, "MISSING_JAR", "The form has no 'jar' part with the JAR's bytes");
            }
            if (dependencies.size() > maxDependencies) {
                throw tooManyDependencies();
            }
            if (dependencies.stream().mapToLong(Part::getSize).sum() > maxDependenciesBytes) {
                throw dependenciesTooLarge();
            }
            IncomingJars.Received jarFile = take(jar);
            received.add(jarFile);
            for (Part dependency : dependencies) {
                received.add(take(dependency));
            }
            Received form = new Received(jarFile, List.copyOf(received.subList(1, received.size())));
            received.clear();
            return form;
        } finally {
            received.forEach(IncomingJars.Received::close);
            for (Part part : parts) {
                part.delete();
            }
        }
    }

    /** The form's parts, or the refusal Tomcat's parser meant (it stops at the limits while streaming). */
    private static Collection<Part> parts(HttpServletRequest request) throws IOException {
        try {
            return request.getParts();
        } catch (IllegalStateException | ServletException | IOException e) {
            throw refusal(e);
        }
    }

    /**
     * What a failure of Tomcat's form parser means: a limit of {@link MultipartLimits} (it is thrown from
     * the first read of a parameter or part, whichever comes first), or a body that is no form.
     */
    static ServiceException refusal(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileCountLimitExceededException) {
                return new ServiceException(413, "TOO_MANY_DEPENDENCIES", "The form has more parts than one 'jar' "
                        + "and registry.analysis.max-dependencies 'dependency' parts");
            }
            if (cause instanceof FileSizeLimitExceededException) {
                return new ServiceException(413, "JAR_TOO_LARGE", "A part of the form is larger than "
                        + "registry.analysis.max-jar-size");
            }
            if (cause instanceof SizeLimitExceededException) {
                return new ServiceException(413, "DEPENDENCIES_TOO_LARGE", "The form is larger than "
                        + "registry.analysis.max-jar-size and max-dependencies-size together");
            }
        }
        // Not echoed: the parser's messages may quote the body.
        return new ServiceException(400, "MALFORMED_REQUEST", "The request's parameters or multipart/form-data body "
                + "could not be read (no boundary, cut short, or an invalid %-escape)");
    }

    /**
     * Moves Tomcat's file of the part (already bounded by {@link MultipartLimits}) to a scratch name of
     * this service's, so it is on disk once, and hashes it.
     */
    private IncomingJars.Received take(Part part) throws IOException {
        Path file = jars.directory().resolve("upload-" + UUID.randomUUID() + ".jar");
        try {
            part.write(file.toString());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } finally {
            part.delete();
        }
        return jars.adopt(file);
    }

    /**
     * File names are only labels here (the analyzer names its inputs itself), so one that looks like a
     * path, or is not printable, says the sender is not the registry server: refused.
     */
    private static void checkFileName(Part part) {
        String name = part.getSubmittedFileName();
        if (name == null) {
            return;
        }
        boolean pathLike = name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".");
        if (pathLike || name.length() > MAX_FILE_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new ServiceException(400, "INVALID_FILE_NAME", "A part's file name must be a plain name of at most "
                    + MAX_FILE_NAME + " characters, not a path");
        }
    }

    private ServiceException tooManyDependencies() {
        return new ServiceException(413, "TOO_MANY_DEPENDENCIES", "More than registry.analysis.max-dependencies ("
                + maxDependencies + ") 'dependency' parts");
    }

    private ServiceException dependenciesTooLarge() {
        return new ServiceException(413, "DEPENDENCIES_TOO_LARGE", "The dependency parts are larger together than "
                + "registry.analysis.max-dependencies-size (" + maxDependenciesBytes + " bytes)");
    }

    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return cut.replaceAll("[^\\p{Alnum}._-]", "?");
    }
}
