package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.e2e.SharedRegistry;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * First load of the console's connectors list with a cold cache, in a workspace of 200 connectors: each
 * load in a new headless Chromium with a fresh profile (no cached file), signed in without opening the
 * console (a session cookie from {@code POST /api/v1/session}), then sent to
 * {@code #/workspaces/{ws}/connectors}. Measured in the page: time to interactive, from navigation start
 * to the console's {@code performance.mark('fcr-ready')} (set with {@code #main[data-ready=connectors]}),
 * and the bytes transferred (the navigation's and every resource's {@code transferSize}: HTML, modules,
 * CSS, API answers, headers included). Median of {@code -Dbenchmark.loads} loads (default 11), after three
 * unmeasured ones that warm the server up ({@code -Dbenchmark.connectors} for another count). Targets on loopback: under 300 ms and under 200 KB. Prints figures;
 * asserts only that the work was done. Run with
 * {@code mvn -B -ntp -pl registry-e2e verify -Dexcluded.test.groups=none -Dtest=ConsoleLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (or with {@code -pl registry-server,registry-e2e -DskipITs} to measure the console of this checkout rather than
 * the server JAR last installed in the local Maven repository).
 */
@Tag("benchmark")
class ConsoleLoadBenchmark {

    private static final int CONNECTORS = Integer.getInteger("benchmark.connectors", 200);
    private static final int LOADS = Integer.getInteger("benchmark.loads", 11);
    private static final int WARMUP_LOADS = 3;
    // The server analyses two JARs at a time by default; more uploads at once would only queue.
    private static final int REGISTERING_THREADS = 2;

    private static final String SIGN_IN = """
            const done = arguments[arguments.length - 1];
            fetch('/api/v1/session', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({token: arguments[0]})}).then(answer => done(answer.status), e => done(String(e)));
            """;
    private static final String MEASURE = """
            const navigation = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const ready = performance.getEntriesByName('fcr-ready', 'mark');
            const sum = (field) => resources.reduce((total, entry) => total + entry[field], navigation[field]);
            return {ready: ready.length ? ready[ready.length - 1].startTime : -1,
                    transferred: sum('transferSize'), decoded: sum('decodedBodySize'), requests: 1 + resources.length,
                    domContentLoaded: navigation.domContentLoadedEventEnd,
                    names: resources.map(entry => entry.name.replace(location.origin, '') + ' ' + entry.transferSize)};
            """;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    @TempDir
    Path temp;

    /** One measured load. */
    record Load(double readyMs, double transferred, double decoded, double requests, double domContentLoadedMs,
                List<?> resources) {}

    @Test
    void firstLoadOfTheConnectorsListWithAColdCache() throws Exception {
        RegistryServerProcess server = registry.server();
        String workspace = server.newWorkspace("console-load");
        long started = System.nanoTime();
        register(server, workspace);
        System.out.printf("%nRegistered %d connectors in %.0f s%n", CONNECTORS, (System.nanoTime() - started) / 1e9);
        assertThat(RegistryApi.admin(server, workspace).list(ListQuery.all()).total()).isEqualTo(CONNECTORS);

        for (int run = 0; run < WARMUP_LOADS; run++) {
            coldLoad(server, workspace);
        }
        List<Load> loads = new ArrayList<>();
        for (int run = 0; run < LOADS; run++) {
            loads.add(coldLoad(server, workspace));
        }

        Load first = loads.get(0);
        System.out.printf("%nBENCHMARK console: first load of the connectors list, cold cache, %d connectors,"
                + " %d loads in fresh Chromium profiles (after %d unmeasured)%n", CONNECTORS, LOADS, WARMUP_LOADS);
        System.out.printf("  time to interactive (navigation start -> fcr-ready), median: %.0f ms (target < 300 ms) %s%n",
                median(loads, Load::readyMs), rounded(loads, Load::readyMs));
        System.out.printf("  DOMContentLoaded, median: %.0f ms%n", median(loads, Load::domContentLoadedMs));
        System.out.printf("  bytes transferred, median: %.1f KB (target < 200 KB); decoded: %.1f KB; requests: %.0f%n",
                median(loads, Load::transferred) / 1024, median(loads, Load::decoded) / 1024,
                median(loads, Load::requests));
        System.out.printf("  requests of the first measured load (path, bytes transferred): %s%n%n", first.resources());
        assertThat(loads).allSatisfy(load -> assertThat(load.readyMs()).isPositive());
    }

    /** Registers {@link #CONNECTORS} connectors, each a copy of the sequence source with an identifier of its own. */
    private void register(RegistryServerProcess server, String workspace) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REGISTERING_THREADS);
        try {
            List<Future<?>> registrations = new ArrayList<>();
            for (int thread = 0; thread < REGISTERING_THREADS; thread++) {
                int first = thread;
                HttpRegistryClient admin = RegistryApi.admin(server, workspace);
                registrations.add(pool.submit(() -> {
                    for (int n = first; n < CONNECTORS; n += REGISTERING_THREADS) {
                        String name = String.format("numbers-%03d", n);
                        admin.register(name, SequenceJars.withIdentifier(TestJars.sequenceV1(), "sequence-" + n,
                                temp.resolve(name + ".jar")));
                    }
                    return null;
                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Load coldLoad(RegistryServerProcess server, String workspace) {
        try (Console console = Console.open(server.baseUrl(), Chromium.DESKTOP)) {
            // Signed in from a page of the API, so that none of the console's files is cached before the load.
            console.driver().get(server.baseUrl() + "/api/v1/session");
            console.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Object status = console.driver().executeAsyncScript(SIGN_IN, server.adminToken());
            assertThat(status).as("signing in").isEqualTo(200L);

            console.go("/workspaces/" + workspace + "/connectors").awaitReady("connectors");
            assertThat(console.findAll("table#connectors tr[data-connector]")).isNotEmpty();
            Map<?, ?> figures = (Map<?, ?>) console.script(MEASURE);
            return new Load(number(figures, "ready"), number(figures, "transferred"), number(figures, "decoded"),
                    number(figures, "requests"), number(figures, "domContentLoaded"), (List<?>) figures.get("names"));
        }
    }

    private static double number(Map<?, ?> figures, String name) {
        return ((Number) figures.get(name)).doubleValue();
    }

    private static double median(List<Load> loads, ToDoubleFunction<Load> figure) {
        double[] sorted = loads.stream().mapToDouble(figure).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String rounded(List<Load> loads, ToDoubleFunction<Load> figure) {
        return loads.stream().map(load -> String.valueOf(Math.round(figure.applyAsDouble(load)))).toList().toString();
    }
}
