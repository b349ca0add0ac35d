package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * The kernel's limits on a worker process and everything it starts (setrlimit), besides the JVM's
 * own heap and metaspace limits and the wall-clock timeout.
 *
 * @param processes most tasks (processes and threads) of the worker's user in its user namespace
 *     (RLIMIT_NPROC): a fork bomb stops there
 * @param fileBytes largest file it may write (RLIMIT_FSIZE)
 * @param cpuSeconds CPU time of one process, all its threads together (RLIMIT_CPU, soft); it is killed
 *     with SIGXCPU there, and with SIGKILL {@link #CPU_GRACE_SECONDS} later
 * @param addressSpaceBytes virtual memory of one process (RLIMIT_AS): bounds native memory, which
 *     the JVM's heap and metaspace limits do not
 * @param scratchBytes size of the scratch tmpfs
 */
record WorkerLimits(int processes, long fileBytes, long cpuSeconds, long addressSpaceBytes, long scratchBytes) {

    static final int PROCESSES = 128;
    static final long FILE_BYTES = 64L << 20;
    static final long SCRATCH_BYTES = 64L << 20;
    static final long CPU_GRACE_SECONDS = 5;
    /**
     * Address space a worker may use besides its heap and metaspace: the JVM's and system libraries,
     * the CDS archives, the code cache, the compressed class space, thread stacks and malloc arenas
     * (MALLOC_ARENA_MAX=2). With 256 MiB heap and 256 MiB metaspace, the worker loading the Kafka
     * connector's factories for Flink 2.2 needs 750 MiB in all on Java 17 and 775 MiB on Java 25;
     * 512 MiB here (1 GiB in all) leaves room for a hundred threads' stacks and the CDS archives.
     */
    static final long NATIVE_MIB = 512;

    static WorkerLimits of(AnalyzerSettings settings) {
        long addressSpace = (settings.workerHeapMiB() + settings.workerMetaspaceMiB() + NATIVE_MIB) << 20;
        return new WorkerLimits(PROCESSES, FILE_BYTES, Math.max(1, settings.workerCpuTime().toSeconds()),
                addressSpace, SCRATCH_BYTES);
    }

    /** Arguments of util-linux {@code prlimit} that set these limits (soft and hard) on the program it runs. */
    List<String> prlimitArguments() {
        return List.of("--nproc=" + processes, "--fsize=" + fileBytes,
                "--cpu=" + cpuSeconds + ":" + (cpuSeconds + CPU_GRACE_SECONDS), "--as=" + addressSpaceBytes);
    }

    /** The POSIX shell's {@code ulimit} units: processes, 512-byte blocks, seconds, seconds, KiB. */
    List<String> ulimitValues() {
        return List.of(String.valueOf(processes), String.valueOf(fileBytes / 512), String.valueOf(cpuSeconds),
                String.valueOf(cpuSeconds + CPU_GRACE_SECONDS), String.valueOf(addressSpaceBytes / 1024));
    }

    /** The exit status of a worker the kernel killed for its CPU time (128 + SIGXCPU or SIGKILL). */
    static boolean isCpuLimitSignal(int exitCode) {
        return exitCode == 128 + 24;
    }
}
