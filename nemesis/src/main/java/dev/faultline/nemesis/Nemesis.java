package dev.faultline.nemesis;

import java.util.Set;

/**
 * Applies faults to a cluster and heals them (Jepsen's {@code Nemesis}, one interface per job).
 *
 * <p>Contract, checked by {@link ValidatingNemesis}: {@link #start} is only called with a kind
 * in {@link #supportedKinds()}; {@link #heal} only with a fault that was started and not healed;
 * {@link #healAll} heals everything this nemesis may have left behind, even faults whose start
 * failed half-way, may be called at any time and more than once, and is the last call of a run —
 * including a run that failed. Methods are called from one thread at a time.
 */
public interface Nemesis {

    /** The kinds this nemesis can apply to its cluster. */
    Set<FaultKind> supportedKinds();

    /**
     * Applies the fault and returns when it is in force.
     *
     * @throws Exception when the fault could not be applied, or only in part
     */
    void start(Fault fault) throws Exception;

    /** Undoes one fault started before: restore links, restart, resume, reset the clock. */
    void heal(Fault fault) throws Exception;

    /** Undoes every fault, known or not; idempotent. */
    void healAll() throws Exception;

    /** A nemesis for clusters that take no faults: it supports nothing and heals nothing. */
    static Nemesis noop() {
        return new Nemesis() {
            @Override
            public Set<FaultKind> supportedKinds() {
                return Set.of();
            }

            @Override
            public void start(Fault fault) {
                throw new UnsupportedOperationException("this cluster takes no faults");
            }

            @Override
            public void heal(Fault fault) {
                throw new UnsupportedOperationException("this cluster takes no faults");
            }

            @Override
            public void healAll() {}
        };
    }
}
