package dev.flinkregistry.samples.broken.hostile.forkbomb;

import dev.flinkregistry.samples.broken.hostile.HostileSourceFactory;
import dev.flinkregistry.samples.broken.hostile.Loot;
import dev.flinkregistry.samples.broken.hostile.Sleeper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A fork bomb: threads until the system refuses one more, then processes, each a sleeping JVM,
 * until it refuses one more or {@link #MAX_PROCESSES} run. It reports how far it got, releases its
 * threads and loads normally, leaving the processes behind.
 */
public class ForkBombFactory extends HostileSourceFactory {

    static final int MAX_THREADS = 5_000;
    static final int MAX_PROCESSES = 300;

    private static final Loot LOOT = new Loot();

    static {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        LOOT.attempt("start threads", () -> {
            try {
                while (threads.size() < MAX_THREADS) {
                    Thread thread = new Thread(new Parked(release));
                    thread.start();
                    threads.add(thread);
                }
                return "threads=" + threads.size() + " without being stopped";
            } catch (Throwable refused) { // NOPMD: the point is to run into the limit
                return "threads=" + threads.size() + " then " + refused;
            }
        });
        release.countDown();
        for (Thread thread : threads) {
            joinQuietly(thread);
        }
        LOOT.attempt("start processes", () -> {
            List<Process> started = new ArrayList<>();
            try {
                while (started.size() < MAX_PROCESSES) {
                    started.add(Sleeper.start("child"));
                }
                return "processes=" + started.size() + " without being stopped";
            } catch (Throwable refused) { // NOPMD: the point is to run into the limit
                return "processes=" + started.size() + " then " + refused;
            }
        });
    }

    /**
     * A thread body in a class of its own: a thread running code of this class would wait for its
     * static initialiser to finish, which waits for the thread.
     */
    private static final class Parked implements Runnable {
        private final CountDownLatch release;

        Parked(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void run() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String factoryIdentifier() {
        return "hostile-fork-bomb";
    }

    @Override
    protected String loot() {
        return LOOT.toString();
    }
}
