package dev.faultline.target.common;

/** Named daemon threads, so a node's JVM exits when its main thread does and thread dumps read well. */
public final class Threads {
    private Threads() {}

    /** A daemon thread, not yet started (for thread factories). */
    public static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A daemon thread, started. */
    public static Thread start(String name, Runnable body) {
        Thread thread = daemon(name, body);
        thread.start();
        return thread;
    }
}
