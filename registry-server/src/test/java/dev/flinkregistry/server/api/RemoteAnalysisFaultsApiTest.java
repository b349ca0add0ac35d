package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flinkregistry.server.support.AnalysisServiceProcess;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * When the remote analysis service cannot give a usable answer, an upload gets 503
 * {@code ANALYSIS_SERVICE_UNAVAILABLE} with Retry-After and nothing is stored (DESIGN rule 7: no version,
 * no blob), and the health component {@code analysis} says what is wrong.
 *
 * <p>Faults tried: the service killed between two uploads (connection refused), a service that accepts
 * the connection and never answers (the derived timeout), a wrong token (401 from the service), and a
 * service that answers 200 with an analysis of other bytes, with a verdict its findings contradict, and
 * with text that is no JSON; and a service of an older release, which answers a JAR sent with its
 * dependencies (a form) with 415.
 */
class RemoteAnalysisFaultsApiTest {

    private static final String WS = RegistryHttp.DEFAULT;

    @Test
    void theServiceGoingDownBetweenUploadsGives503AndStoresNothing() throws IOException {
        try (AnalysisServiceProcess service = AnalysisServiceProcess.start(Map.of("registry.analysis.warm-workers", "0"));
             RunningRegistry registry = RunningRegistry.startFresh(service.serverSettings())) {
            RegistryHttp http = registry.http();
            assertThat(http.postJar(WS + "/connectors?name=sequence", TestJars.sequenceV1()).status()).isEqualTo(201);
            String versionsBefore = http.get(WS + "/connectors/sequence/versions").text();
            List<Path> blobsBefore = blobs(registry);

            service.kill();

            assertUnavailable(http.postJar(WS + "/connectors/sequence/versions", TestJars.sequenceV2()), "reached");
            assertUnavailable(http.postJar(WS + "/connectors?name=psv", TestJars.psvFormat()), "reached");
            assertUnavailable(http.postJar(WS + "/analysis", TestJars.psvFormat()), "reached");
            assertThat(http.get(WS + "/connectors/sequence/versions").text()).isEqualTo(versionsBefore);
            assertThat(http.get(WS + "/connectors/psv").status()).isEqualTo(404);
            assertThat(blobs(registry)).isEqualTo(blobsBefore);
            Await.until("the health says the service cannot be reached", Duration.ofSeconds(20),
                    () -> analysisHealth(http).path("status").asString().equals("DOWN"));
            assertThat(analysisHealth(http).path("details").path("reason").asString()).contains("cannot be reached");
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        }
    }

    @Test
    void aServiceThatNeverAnswersGives503WithinTheTimeDerivedFromTheAnalysisTimeout() throws IOException {
        try (Silent silent = new Silent();
             RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.analysis.timeout", "1s",
                     "registry.analysis.remote.url", silent.url(),
                     "registry.analysis.remote.token", AnalysisServiceProcess.TOKEN))) {
            long started = System.nanoTime();

            Answer answer = registry.http().postJar(WS + "/connectors?name=sequence", TestJars.sequenceV1());

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertUnavailable(answer, "no answer within");
            assertThat(took).as("3 x 1s + 10s, and the upload").isBetween(Duration.ofSeconds(12), Duration.ofSeconds(40));
            assertThat(registry.http().get(WS + "/connectors").json().path("total").asInt()).isZero();
            assertThat(blobs(registry)).isEmpty();
        }
    }

    @Test
    void aWrongTokenShowsInTheHealthAndUploadsGet503() throws IOException {
        Map<String, Object> settings = new HashMap<>(AnalysisServiceProcess.shared().serverSettings());
        settings.put("registry.analysis.remote.token", "not-the-service-token-0123456789abcdef");
        try (RunningRegistry registry = RunningRegistry.startFresh(settings)) {
            RegistryHttp http = registry.http();

            JsonNode health = analysisHealth(http);
            Answer upload = http.postJar(WS + "/connectors?name=sequence", TestJars.sequenceV1());

            assertThat(health.path("status").asString()).isEqualTo("DOWN");
            assertThat(health.path("details").path("reason").asString()).contains("token", "401");
            assertUnavailable(upload, "token");
            assertThat(http.get(WS + "/connectors").json().path("total").asInt()).isZero();
            assertThat(blobs(registry)).isEmpty();
        }
    }

    @Test
    void anAnswerTheServerDoesNotBelieveGives503AndStoresNothing() throws IOException {
        Path jar = TestJars.sequenceV1();
        // A genuine analysis, from the real service, of other bytes than those the server will send.
        Answer genuine = AnalysisServiceProcess.shared().analyze(TestJars.psvFormat());
        assertThat(genuine.status()).as(genuine.text()).isEqualTo(200);
        String otherBytes = genuine.text();
        String contradicted = genuineFor(jar).replace("\"accepted\":true", "\"accepted\":false");
        for (String body : new String[] {otherBytes, contradicted, "this is no JSON"}) {
            try (Liar liar = new Liar(body);
                 RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.analysis.remote.url", liar.url(),
                         "registry.analysis.remote.token", AnalysisServiceProcess.TOKEN))) {
                Answer answer = registry.http().postJar(WS + "/connectors?name=sequence", jar);

                assertUnavailable(answer, "answered");
                assertThat(registry.http().get(WS + "/connectors").json().path("total").asInt()).isZero();
                assertThat(blobs(registry)).isEmpty();
            }
        }
    }

    @Test
    void aServiceOlderThanTheServerRefusesTheFormWith415AndTheUploadGets503StoringNothing() throws IOException {
        try (OldService old = new OldService();
             RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.analysis.remote.url", old.url(),
                     "registry.analysis.remote.token", AnalysisServiceProcess.TOKEN))) {
            Multipart form = new Multipart()
                    .file("file", "needs-driver.jar", RegistryApiTest.bytes(TestJars.jar("broken-needs-driver")))
                    .file("dependency", "echo-driver.jar", RegistryApiTest.bytes(TestJars.jar("broken-echo-driver")));

            Answer answer = registry.http().post(WS + "/connectors?name=echo", form.contentType(), form.bytes());

            assertUnavailable(answer, "older than this server");
            assertThat(old.contentTypes).singleElement().asString().startsWith("multipart/form-data; boundary=");
            assertThat(registry.http().get(WS + "/connectors").json().path("total").asInt()).isZero();
            assertThat(blobs(registry)).isEmpty();
        }
    }

    private static String genuineFor(Path jar) {
        Answer answer = AnalysisServiceProcess.shared().analyze(jar);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.text()).contains("\"accepted\":true");
        return answer.text();
    }

    private static void assertUnavailable(Answer answer, String reason) {
        JsonNode problem = RegistryApiTest.assertProblem(answer, 503, "ANALYSIS_SERVICE_UNAVAILABLE");
        assertThat(problem.path("detail").asString()).contains(reason).doesNotContain(AnalysisServiceProcess.TOKEN);
        assertThat(answer.header("Retry-After")).isEqualTo("10");
    }

    private static JsonNode analysisHealth(RegistryHttp http) {
        return http.get("/actuator/health").json().path("components").path("analysis");
    }

    private static List<Path> blobs(RunningRegistry registry) throws IOException {
        Path blobs = registry.dataDir().resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** A port that accepts connections and never answers (failure injection: a hung service). */
    private static final class Silent implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();

        Silent() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        synchronized (accepted) {
                            accepted.add(connection);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-analysis-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket connection : accepted) {
                    connection.close();
                }
            }
        }
    }

    /** A healthy service of a release that takes only a JAR as the body: a form gets its 415 (failure injection). */
    private static final class OldService implements AutoCloseable {
        private final HttpServer server;
        private final List<String> contentTypes = java.util.Collections.synchronizedList(new ArrayList<>());

        OldService() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/isolation", exchange -> Liar.answer(exchange,
                    "{\"available\":true,\"mechanism\":\"UNSHARE\",\"reason\":\"an old release\"}"));
            server.createContext("/v1/analyses", exchange -> {
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
                byte[] problem = "{\"status\":415,\"code\":\"UNSUPPORTED_MEDIA_TYPE\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(415, problem.length);
                exchange.getResponseBody().write(problem);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A service that is healthy and answers every analysis with the same body (failure injection). */
    private static final class Liar implements AutoCloseable {
        private final HttpServer server;

        Liar(String analysis) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/isolation", exchange -> answer(exchange,
                    "{\"available\":true,\"mechanism\":\"UNSHARE\",\"reason\":\"a liar\"}"));
            server.createContext("/v1/analyses", exchange -> {
                exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
                answer(exchange, analysis);
            });
            server.start();
        }

        private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
