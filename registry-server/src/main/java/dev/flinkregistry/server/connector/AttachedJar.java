package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.connector.Views.DependencyView;
import dev.flinkregistry.server.connector.Views.VersionView;

/**
 * One JAR attached to a version as its dependency, for features that deliver it with the version.
 *
 * @param fileName the sanitised name it was sent under (never a path)
 * @param sourceType {@code UPLOAD} or {@code URL}
 * @param sourceUrl where it was downloaded from, for {@code URL}
 */
public record AttachedJar(String fileName, String sha256, long size, String sourceType, String sourceUrl) {

    DependencyView view(String workspace) {
        return new DependencyView(fileName, sha256, size, sourceType, sourceUrl,
                VersionView.downloadPathOf(workspace, sha256));
    }
}
