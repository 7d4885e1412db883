package dev.faultline.harness.generator;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a generator against an imaginary cluster in virtual time, with no threads and no clock
 * (Jepsen's {@code jepsen.generator.test/simulate}): each operation completes after the latency
 * and with the outcome the responder gives. The result is the history the runner would record,
 * which makes every combinator testable in microseconds and deterministic.
 */
public final class Simulation {

    /** How the imaginary cluster answers one operation. */
    @FunctionalInterface
    public interface Responder {
        Response respond(PlannedOp op, int process);
    }

    /**
     * @param outcome ok, fail or info
     * @param value the completion's value
     * @param latencyNanos how long after the invocation the completion comes
     */
    public record Response(OpType outcome, Object value, long latencyNanos) {
        /** Every operation succeeds after the same latency, echoing its value. */
        public static Responder okAfter(long latencyNanos) {
            return (op, process) -> new Response(OpType.OK, op.value(), latencyNanos);
        }
    }

    private record Pending(long timeNanos, long order, int thread, PlannedOp op, Response response) {}

    private Simulation() {}

    /**
     * The history of the generator's run, invocations and completions in time order.
     *
     * @param timeLimitNanos a guard: the simulation fails past this virtual time
     */
    public static List<Op> run(Generator generator, int threadCount, Responder responder, long timeLimitNanos) {
        Scheduler scheduler = new Scheduler(generator, threadCount);
        PriorityQueue<Pending> completions = new PriorityQueue<>((a, b) -> a.timeNanos() != b.timeNanos()
                ? Long.compare(a.timeNanos(), b.timeNanos()) : Long.compare(a.order(), b.order()));
        List<Op> history = new ArrayList<>();
        long now = 0;
        long order = 0;
        while (true) {
            if (now > timeLimitNanos) {
                throw new IllegalStateException("the simulation ran past " + timeLimitNanos + " ns");
            }
            Scheduler.Decision decision = scheduler.poll(now);
            if (decision instanceof Scheduler.Decision.Done) {
                return history;
            }
            if (decision instanceof Scheduler.Decision.Dispatch dispatch) {
                PlannedOp op = dispatch.op();
                history.add(op(history.size(), now, dispatch.process(), OpType.INVOKE, op, op.value()));
                Response response = responder.respond(op, dispatch.process());
                completions.add(new Pending(now + response.latencyNanos(), order++, op.thread(), op, response));
                continue;
            }
            long until = ((Scheduler.Decision.Wait) decision).untilNanos();
            Pending next = completions.peek();
            if (next != null && next.timeNanos() <= until) {
                completions.poll();
                now = Math.max(now, next.timeNanos());
                int process = scheduler.completed(next.thread(), next.response().outcome(), now);
                history.add(op(history.size(), now, process, next.response().outcome(), next.op(), next.response().value()));
            } else {
                now = until;
            }
        }
    }

    private static Op op(int index, long time, int process, OpType type, PlannedOp planned, Object value) {
        return new Op(index, time, process, type, planned.f(), planned.key(), value, null, null, Map.of(), planned.finalRead());
    }
}
