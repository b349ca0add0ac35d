# syntax=docker/dockerfile:1
# Builds the registry server from source and runs it as a non-root user.
#   docker build -t flink-connector-registry .
#   docker run -p 8080:8080 -v registry-data:/var/lib/registry \
#       --security-opt seccomp=unconfined --security-opt apparmor=unconfined flink-connector-registry
# The analysis sandbox makes user, mount, PID and network namespaces (util-linux's unshare, or
# bubblewrap): Docker's default seccomp and AppArmor profiles forbid that, hence the two options.
# Without them the server runs, reports the analysis component DOWN in /actuator/health, and
# refuses analyses (503 ANALYSIS_SANDBOX_UNAVAILABLE).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so they are cached while only sources change.
COPY pom.xml ./
# A test-scoped dependency of the modules below; -am builds it all the same.
COPY registry-test-support registry-test-support
COPY sample-connectors sample-connectors
COPY registry-analyzer-worker registry-analyzer-worker
COPY flink-runtimes flink-runtimes
COPY registry-model registry-model
COPY registry-analyzer registry-analyzer
COPY registry-client registry-client
COPY registry-server registry-server
# The root POM lists every module and Maven refuses a reactor with one missing; only its POM is needed.
COPY registry-e2e/pom.xml registry-e2e/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl registry-server -am package -Dmaven.test.skip=true \
    && cp registry-server/target/registry-server-*.jar /src/registry-server.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl bubblewrap util-linux \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system registry \
    && useradd --system --gid registry --home-dir /var/lib/registry --shell /usr/sbin/nologin registry \
    && mkdir -p /var/lib/registry /opt/registry \
    && chown registry:registry /var/lib/registry
COPY --from=build /src/registry-server.jar /opt/registry/registry-server.jar
USER registry
WORKDIR /var/lib/registry
ENV REGISTRY_STORAGE_DATA_DIR=/var/lib/registry \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50"
VOLUME ["/var/lib/registry"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/registry/registry-server.jar"]
