package dev.faultline.harness.run;

import dev.faultline.history.Op;
import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.ValidatingNemesis;
import dev.faultline.nemesis.schedule.FaultSchedule;
import dev.faultline.nemesis.schedule.ScheduledFault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a fault schedule on its own thread during the main phase, and heals whatever is in
 * force when asked, which the runner does after the main phase and on every failure. Each action
 * goes into the history as a nemesis event ({@code start-<kind>}, {@code stop-<kind>},
 * {@code heal-all}) and into {@code faults.jsonl}, with the same time. An action that fails is
 * recorded with its error and the run goes on: a fault that could not be applied is still healed.
 * {@code faults.jsonl} also says when each action began, counted from the start of the main phase.
 */
final class NemesisDriver {
    private static final Logger log = LoggerFactory.getLogger(NemesisDriver.class);

    private final FaultSchedule schedule;
    private final ValidatingNemesis nemesis;
    private final ClusterView view;
    private final RunClock clock;
    private final HistoryRecorder history;
    private final FaultLog faults;
    /** Faults started and not healed, by schedule id, as resolved. */
    private final Map<Integer, Fault> started = new LinkedHashMap<>();
    private final Map<Integer, ScheduledFault> scheduled = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;
    /** The run clock's time when the main phase began; set by {@link #start}. */
    private volatile long originNanos;

    NemesisDriver(FaultSchedule schedule, ValidatingNemesis nemesis, ClusterView view, RunClock clock,
            HistoryRecorder history, FaultLog faults) {
        this.schedule = schedule;
        this.nemesis = nemesis;
        this.view = view;
        this.clock = clock;
        this.history = history;
        this.faults = faults;
    }

    /** Starts following the schedule, its times counted from now. */
    void start() {
        originNanos = clock.nanos();
        thread = new Thread(this::follow, "faultline-nemesis");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops following the schedule, after the action in progress if there is one (a restart is
     * not cut short half-way); faults in force stay until {@link #healEverything}.
     */
    void stop() throws InterruptedException {
        if (thread != null) {
            stopped.countDown();
            thread.join();
            thread = null;
        }
    }

    /** The faults in force now, for the progress line. */
    List<Fault> inForce() {
        return nemesis.inForce();
    }

    /**
     * Heals each fault in force, newest first, then asks the nemesis to heal everything it may
     * have left; records every action. Call after {@link #stop}.
     *
     * @return true when every heal succeeded
     */
    boolean healEverything() {
        boolean healed = true;
        List<Integer> ids;
        synchronized (this) {
            ids = new ArrayList<>(started.keySet());
        }
        for (int i = ids.size() - 1; i >= 0; i--) {
            healed &= heal(scheduled.get(ids.get(i)));
        }
        String error = null;
        long phaseNanos = phaseNanos();
        try {
            nemesis.healAll();
        } catch (Exception e) {
            error = describe(e);
            healed = false;
            log.error("healing every fault failed: {}", error);
        }
        Op op = history.nemesis("heal-all", Map.of(), error);
        faults.write(op.timeNanos(), phaseNanos, "heal-all", -1, null, null, null, error);
        return healed;
    }

    private void follow() {
        try {
            for (FaultSchedule.Step step : schedule.steps()) {
                long waitNanos = originNanos + step.atNanos() - clock.nanos();
                if (stopped.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (step.action() == FaultSchedule.Step.Action.START) {
                    start(step.fault());
                } else {
                    heal(step.fault());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(ScheduledFault fault) {
        long phaseNanos = phaseNanos();
        Map<String, Object> plan = fault.plan().describe();
        Fault resolved = null;
        String error = null;
        try {
            resolved = fault.plan().resolve(view);
            synchronized (this) {
                started.put(fault.id(), resolved);
                scheduled.put(fault.id(), fault);
            }
            nemesis.start(resolved);
        } catch (Exception e) {
            error = describe(e);
            log.warn("fault {} ({}) could not be applied: {}", fault.id(), fault.plan().kind().cliName(), error);
        }
        record("start", phaseNanos, fault, plan, resolved, error);
    }

    /** @return true when the heal succeeded or there was nothing to heal */
    private boolean heal(ScheduledFault fault) {
        Fault resolved;
        synchronized (this) {
            resolved = started.remove(fault.id());
        }
        if (resolved == null) {
            return true; // Never started: its plan could not be resolved.
        }
        String error = null;
        long phaseNanos = phaseNanos();
        try {
            nemesis.heal(resolved);
        } catch (Exception e) {
            error = describe(e);
            log.warn("fault {} ({}) could not be healed: {}", fault.id(), fault.plan().kind().cliName(), error);
        }
        record("heal", phaseNanos, fault, fault.plan().describe(), resolved, error);
        return error == null;
    }

    private void record(String action, long phaseNanos, ScheduledFault fault, Map<String, Object> plan, Fault resolved, String error) {
        String kind = fault.plan().kind().cliName();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("fault", (long) fault.id());
        value.putAll(plan);
        if (resolved != null) {
            value.putAll(resolved.describe());
        }
        Op op = history.nemesis((action.equals("start") ? "start-" : "stop-") + kind, value, error);
        faults.write(op.timeNanos(), phaseNanos, action, fault.id(), kind, plan, resolved == null ? null : resolved.describe(), error);
    }

    /** Now, counted from the start of the main phase. */
    private long phaseNanos() {
        return clock.nanos() - originNanos;
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
