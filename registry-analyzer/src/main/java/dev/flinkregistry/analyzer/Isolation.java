package dev.flinkregistry.analyzer;

/** How the analysis worker is isolated from the host by the operating system (DESIGN rule 3). */
public enum Isolation {
    /** Bubblewrap when it is installed and this process is not root, else util-linux; refuse when neither works. */
    AUTO,
    /** Bubblewrap ({@code bwrap}): user, PID, network, mount, IPC and UTS namespaces. */
    BUBBLEWRAP,
    /** util-linux ({@code unshare}, {@code setpriv}, {@code mount}): the same namespaces, on every distribution. */
    UNSHARE,
    /**
     * No isolation, an operator's explicit choice: the worker is only another process with a
     * private copy of the JAR, which uploaded code can use to reach everything this user can.
     */
    NONE
}
