package dev.flinkregistry.samples.broken.hostile;

import java.util.concurrent.Callable;

/** What an attack got: one line per attempt, saying what it tried and what came of it. */
public final class Loot {

    private static final int MAX_CHARS = 200_000;

    private final StringBuilder lines = new StringBuilder();

    /** Runs one attempt and notes its result, or the exception that stopped it. */
    public Loot attempt(String what, Callable<String> action) {
        String result;
        try {
            result = "OK " + action.call();
        } catch (Throwable e) { // NOPMD: an attack notes every failure and goes on
            result = "DENIED " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (lines.length() < MAX_CHARS) {
            lines.append(what).append(" -> ").append(result).append('\n');
        }
        return this;
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
