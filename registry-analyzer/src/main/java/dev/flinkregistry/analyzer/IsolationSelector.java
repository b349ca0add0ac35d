package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses how workers are confined, once per configuration and JVM: the configured mechanism, or
 * for AUTO the first that works here, each proven by running the worker in it (a probe). When none
 * works, the status says what to install or configure, analyses are refused, and the choice is
 * made again a minute later.
 */
final class IsolationSelector {

    /** The choice: the status callers see, and the confinement that runs workers (null when unavailable). */
    record Selection(IsolationStatus status, Confinement confinement) {}

    /** Runs the worker once in a confinement; the reason it failed, or empty when it worked. */
    interface Prober {
        Optional<String> failure(Confinement confinement);
    }

    private static final String USERNS_HINT = "If user namespaces are the problem: enable unprivileged ones "
            + "(sysctl kernel.unprivileged_userns_clone=1 and user.max_user_namespaces>0; on Ubuntu 24.04 also "
            + "kernel.apparmor_restrict_unprivileged_userns=0); in a container, allow unshare/clone of namespaces "
            + "(a seccomp profile that permits them) or run the analysis elsewhere.";

    /**
     * A failed choice is asked again after this long: a probe can fail for a passing reason (a
     * loaded machine, a package being installed), and without a retry analyses would stay refused
     * until a restart.
     */
    static final Duration RETRY_UNAVAILABLE = Duration.ofMinutes(1);

    private static final Map<String, Chosen> CHOSEN = new ConcurrentHashMap<>();

    /** A selection and when it was made. */
    private record Chosen(Selection selection, long nanos) {
        boolean stale() {
            return !selection.status().available() && System.nanoTime() - nanos > RETRY_UNAVAILABLE.toNanos();
        }
    }

    private IsolationSelector() {}

    static Selection select(AnalyzerSettings settings, Prober prober) {
        String key = String.join("|", settings.isolation().name(), String.valueOf(settings.workDirectory()),
                String.valueOf(settings.workerJavaHome()), String.valueOf(settings.workerHeapMiB()),
                String.valueOf(settings.workerMetaspaceMiB()));
        return CHOSEN.compute(key, (k, chosen) -> chosen == null || chosen.stale()
                ? new Chosen(choose(settings, prober), System.nanoTime()) : chosen).selection();
    }

    private static Selection choose(AnalyzerSettings settings, Prober prober) {
        Path shell = Path.of("/bin/sh");
        boolean root = HostTools.runsAsRoot();
        Path skeletons = settings.workDirectory().toAbsolutePath().resolve("sandbox");
        return switch (settings.isolation()) {
            case NONE -> new Selection(new IsolationStatus(true, Isolation.NONE, "Not isolated: isolation NONE was "
                    + "chosen, so the JAR's code runs as this user, with everything it can read and reach. Use it "
                    + "only for trusted JARs."), new NoConfinement(shell, HostTools.find("setpriv")));
            case BUBBLEWRAP -> attempt(Isolation.BUBBLEWRAP, bubblewrap(shell, root), prober);
            case UNSHARE -> attempt(Isolation.UNSHARE, unshare(shell, root, skeletons), prober);
            case AUTO -> auto(shell, root, skeletons, prober);
        };
    }

    private static Selection auto(Path shell, boolean root, Path skeletons, Prober prober) {
        List<String> reasons = new ArrayList<>();
        // As root, bwrap needs every bound path readable by an unprivileged user: util-linux first.
        List<Isolation> order = root ? List.of(Isolation.UNSHARE, Isolation.BUBBLEWRAP)
                : List.of(Isolation.BUBBLEWRAP, Isolation.UNSHARE);
        for (Isolation mechanism : order) {
            Selection selection = mechanism == Isolation.BUBBLEWRAP
                    ? attempt(mechanism, bubblewrap(shell, root), prober)
                    : attempt(mechanism, unshare(shell, root, skeletons), prober);
            if (selection.status().available()) {
                return selection;
            }
            reasons.add(selection.status().reason());
        }
        return new Selection(new IsolationStatus(false, Isolation.AUTO, "No way to isolate the analysis worker "
                + "works here. " + String.join(" ", reasons) + " Or, only if every JAR is trusted, set isolation "
                + "NONE to run workers unisolated."), null);
    }

    private static Selection attempt(Isolation mechanism, Either candidate, Prober prober) {
        if (!HostTools.isLinux()) {
            return unavailable(mechanism, "The sandbox uses Linux namespaces, and this system is "
                    + System.getProperty("os.name") + ": run the analysis on Linux.");
        }
        if (candidate.confinement() == null) {
            return unavailable(mechanism, candidate.missing());
        }
        Optional<String> failure = prober.failure(candidate.confinement());
        if (failure.isPresent()) {
            return unavailable(mechanism, describe(mechanism) + " could not run the worker: " + failure.get() + " "
                    + USERNS_HINT);
        }
        return new Selection(new IsolationStatus(true, mechanism, "Workers run isolated with " + describe(mechanism)
                + (HostTools.runsAsRoot() ? ", each as an unprivileged user of its own" : ", in a user namespace")
                + ": own PID, network, mount, IPC and UTS namespaces, a read-only view, no capabilities."),
                candidate.confinement());
    }

    private static Selection unavailable(Isolation mechanism, String reason) {
        return new Selection(new IsolationStatus(false, mechanism, reason), null);
    }

    private static String describe(Isolation mechanism) {
        return mechanism == Isolation.BUBBLEWRAP ? "bubblewrap (bwrap)" : "util-linux (unshare, setpriv)";
    }

    /** A confinement, or what is missing to make it. */
    private record Either(Confinement confinement, String missing) {}

    private static Either bubblewrap(Path shell, boolean root) {
        Optional<Path> bwrap = HostTools.find("bwrap");
        Optional<Path> setpriv = HostTools.find("setpriv");
        Optional<Path> prlimit = HostTools.find("prlimit");
        Optional<Path> chown = HostTools.find("chown");
        if (bwrap.isEmpty()) {
            return new Either(null, "bubblewrap is not installed (apt-get install bubblewrap, dnf install bubblewrap, "
                    + "apk add bubblewrap).");
        }
        if (setpriv.isEmpty() || prlimit.isEmpty() || chown.isEmpty()) {
            return new Either(null, "bubblewrap needs util-linux's setpriv and prlimit and coreutils' chown "
                    + "(apt-get install util-linux coreutils).");
        }
        return new Either(new BubblewrapConfinement(bwrap.get(), setpriv.get(), prlimit.get(), chown.get(), shell,
                root), null);
    }

    private static Either unshare(Path shell, boolean root, Path skeletons) {
        List<String> names = List.of("unshare", "setpriv", "mount", "pivot_root", "umount", "prlimit", "chown");
        List<Optional<Path>> found = names.stream().map(HostTools::find).toList();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (found.get(i).isEmpty()) {
                missing.add(names.get(i));
            }
        }
        if (!missing.isEmpty()) {
            return new Either(null, String.join(", ", missing) + " not found in /usr/bin, /bin, /usr/sbin or /sbin "
                    + "(util-linux, mount and coreutils: apt-get install util-linux mount coreutils, dnf install "
                    + "util-linux coreutils).");
        }
        return new Either(new UnshareConfinement(new UnshareConfinement.Tools(found.get(0).get(), found.get(1).get(),
                found.get(2).get(), found.get(3).get(), found.get(4).get(), found.get(5).get(), found.get(6).get(),
                shell), root, skeletons), null);
    }
}
