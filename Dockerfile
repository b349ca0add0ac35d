# syntax=docker/dockerfile:1
# Three images from one build: the registry server (the default, last stage), the analysis service,
# and fcr, the command line, which fcr k8s's init containers run to fetch a job's pinned JARs.
#   docker build -t flink-connector-registry .                                   # = --target server
#   docker build --target analysis-service -t flink-connector-registry-analysis .
#   docker build --target fcr -t flink-connector-registry/fcr:0.1.0 .
#   docker run -p 8080:8080 -v registry-data:/var/lib/registry \
#       --security-opt seccomp=unconfined --security-opt apparmor=unconfined flink-connector-registry
# The analysis sandbox makes user, mount, PID and network namespaces (util-linux's unshare, or
# bubblewrap): Docker's default seccomp and AppArmor profiles forbid that, hence the two options.
# Without them the server runs, reports the analysis component DOWN in /actuator/health, and
# refuses analyses (503 ANALYSIS_SANDBOX_UNAVAILABLE). deploy/README.md has the Kubernetes and
# docker-compose shapes, where analyses run in the analysis service instead.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src

# Layer 1: every module's POM and nothing else. Maven reads every module the root POM lists (nested
# ones too) before it selects any, so each must be here; DockerfileTest checks that none is missing.
COPY pom.xml ./
COPY registry-test-support/pom.xml registry-test-support/
COPY sample-connectors/pom.xml sample-connectors/
COPY sample-connectors/sequence-source/pom.xml sample-connectors/sequence-source/
COPY sample-connectors/sequence-source-v2/pom.xml sample-connectors/sequence-source-v2/
COPY sample-connectors/row-file-sink/pom.xml sample-connectors/row-file-sink/
COPY sample-connectors/psv-format/pom.xml sample-connectors/psv-format/
COPY sample-connectors/memory-catalog/pom.xml sample-connectors/memory-catalog/
COPY sample-connectors/broken-connectors/pom.xml sample-connectors/broken-connectors/
COPY sample-connectors/sample-connectors-it/pom.xml sample-connectors/sample-connectors-it/
COPY registry-analyzer-worker/pom.xml registry-analyzer-worker/
COPY flink-runtimes/pom.xml flink-runtimes/
COPY flink-runtimes/flink-1.20/pom.xml flink-runtimes/flink-1.20/
COPY flink-runtimes/flink-2.2/pom.xml flink-runtimes/flink-2.2/
COPY registry-model/pom.xml registry-model/
COPY registry-analyzer/pom.xml registry-analyzer/
COPY registry-client/pom.xml registry-client/
COPY registry-server/pom.xml registry-server/
COPY registry-analysis-service/pom.xml registry-analysis-service/
COPY registry-e2e/pom.xml registry-e2e/

# Layer 2: every dependency and plugin the build below uses, downloaded while only POMs are here, so
# this layer is reused until a POM changes. go-offline runs in each selected module (and, with -am,
# each module they are built from) and skips this reactor's own artifacts (excludeReactor), which
# exist nowhere remote: each module resolves its own third-party dependencies instead. That covers
# the Flink distributions flink-runtimes copies into the worker's library (ordinary dependencies of
# flink-runtime-1.20 and -2.2) and the test JARs registry-server copies (dependency:copy resolves
# them below, and they are in the repository by then because go-offline resolves test scope too).
# The repository is part of the layer, not a cache mount, so the layer alone can rebuild offline.
RUN mvn -B -ntp -pl registry-server,registry-analysis-service,registry-client -am dependency:go-offline -DexcludeReactor=true

# Layer 3: the sources. Whole module directories: a module may read more than src/ (openapi.yaml is
# served by the server, flink-runtimes has its templates in its own src/).
COPY openapi.yaml ./
COPY registry-test-support registry-test-support
COPY sample-connectors sample-connectors
COPY registry-analyzer-worker registry-analyzer-worker
COPY flink-runtimes flink-runtimes
COPY registry-model registry-model
COPY registry-analyzer registry-analyzer
COPY registry-client registry-client
COPY registry-server registry-server
COPY registry-analysis-service registry-analysis-service
COPY registry-e2e registry-e2e

# Layer 4: the build, without tests (CI runs them); -am builds every module the applications are
# built from, test-scoped ones included (the sample connectors the server's tests copy).
RUN mvn -B -ntp -pl registry-server,registry-analysis-service,registry-client -am package -Dmaven.test.skip=true \
    && cp registry-server/target/registry-server-0.1.0-SNAPSHOT.jar /src/registry-server.jar \
    && cp registry-client/target/fcr.jar /src/fcr.jar \
    && cp registry-analysis-service/target/registry-analysis-service-0.1.0-SNAPSHOT.jar \
          /src/registry-analysis-service.jar

# What both images share: Java 21 (Flink 2.2 runs on Java 21, so a connector built for it may have
# Java 21 class files; the analysis worker runs on this same Java, which needs no JDK: the JRE's
# java, lib and conf are all the sandbox binds), the sandbox's tools, and an unprivileged user with a
# numeric id, so that Kubernetes' runAsNonRoot can check it.
FROM eclipse-temurin:21-jre AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl bubblewrap util-linux mount \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 registry \
    && useradd --system --uid 10001 --gid registry --home-dir /var/lib/registry --shell /usr/sbin/nologin registry \
    && mkdir -p /var/lib/registry /opt/registry \
    && chown registry:registry /var/lib/registry
# The heap leaves room for the analysis workers, JVMs of their own in the same container (256 MiB of
# heap each by default). Overridable; -XX:+ExitOnOutOfMemoryError is on the command line, so that an
# out-of-memory JVM exits and is restarted instead of limping on, whatever this is set to.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40"

# The analysis service: analyses JARs for servers that set registry.analysis.remote.url. It keeps no
# data: its only writable place is its scratch directory, under /tmp.
FROM runtime AS analysis-service
COPY --from=build /src/registry-analysis-service.jar /opt/registry/registry-analysis-service.jar
USER 10001:10001
WORKDIR /tmp
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/registry/registry-analysis-service.jar"]

# fcr, the command line, on a plain JRE (none of the sandbox's tools): the init container that fcr k8s
# generates runs `fcr fetch --into DIR --jar NAME=SHA256@URL...` with FCR_TOKEN from a Secret. It
# writes only into the volume it is given, so it runs with a read-only root file system; no perf data
# file either (-XX:-UsePerfData), which would need a writable /tmp.
FROM eclipse-temurin:21-jre AS fcr
COPY --from=build /src/fcr.jar /opt/fcr/fcr.jar
USER 10001:10001
ENV HOME=/tmp
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-jar", "/opt/fcr/fcr.jar"]

# The registry server (the default target).
FROM runtime AS server
COPY --from=build /src/registry-server.jar /opt/registry/registry-server.jar
USER 10001:10001
WORKDIR /var/lib/registry
ENV REGISTRY_STORAGE_DATA_DIR=/var/lib/registry
VOLUME ["/var/lib/registry"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/registry/registry-server.jar"]
