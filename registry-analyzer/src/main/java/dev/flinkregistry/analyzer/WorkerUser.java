package dev.flinkregistry.analyzer;

import java.security.SecureRandom;
import java.util.List;

/**
 * The host user a worker runs as when this process is root: one of its own per run, from a range
 * no account uses, rather than the shared {@code nobody}. Linux counts RLIMIT_NPROC per user (in a
 * user namespace, per user of that namespace): under one shared user, a fork bomb in one worker
 * would stop every concurrent worker, and any other process of that user on the host would count
 * against each worker's limit. Before the change, root gives that user the launcher's event pipe
 * (created by this root process, so only root could open it again as {@code /dev/fd/3}).
 */
final class WorkerUser {

    /** Far above the ids distributions give to accounts (below 60000) and to containers' ranges. */
    static final int FIRST = 2_000_000_000;
    static final int COUNT = 1 << 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WorkerUser() {}

    /** A fresh user (and group) id for one run. */
    static int next() {
        return FIRST + RANDOM.nextInt(COUNT);
    }

    /** {@code setpriv} options that make a root process that user, without supplementary groups. */
    static List<String> setprivArguments(int id) {
        return List.of("--reuid=" + id, "--regid=" + id, "--clear-groups");
    }
}
