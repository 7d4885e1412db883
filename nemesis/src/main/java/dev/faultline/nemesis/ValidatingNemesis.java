package dev.faultline.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that a {@link Nemesis} is used and behaves as its contract says, as Jepsen's
 * {@code Validate} wrappers do, and fails with a message that names the fault: an unsupported
 * kind, a second process fault on a node that already has one (a paused process cannot be killed
 * and resumed as if nothing happened), a heal of a fault not in force. It also keeps the faults
 * in force, for the progress line and for healing everything at the end.
 */
public final class ValidatingNemesis implements Nemesis {
    private final Nemesis nemesis;
    private final List<Fault> inForce = new ArrayList<>();

    public ValidatingNemesis(Nemesis nemesis) {
        this.nemesis = nemesis;
    }

    @Override
    public Set<FaultKind> supportedKinds() {
        return nemesis.supportedKinds();
    }

    /** Fails unless every kind is supported; called before a run starts. */
    public void requireSupported(Set<FaultKind> kinds) {
        for (FaultKind kind : kinds) {
            if (!nemesis.supportedKinds().contains(kind)) {
                throw new IllegalArgumentException("this cluster cannot inject " + kind.cliName() + " faults (it supports: "
                        + (nemesis.supportedKinds().isEmpty() ? "none" : String.join(", ",
                                nemesis.supportedKinds().stream().sorted().map(FaultKind::cliName).toList())) + ")");
            }
        }
    }

    @Override
    public synchronized void start(Fault fault) throws Exception {
        requireSupported(Set.of(fault.kind()));
        if (fault.kind().isProcessFault()) {
            for (Fault other : inForce) {
                if (other.kind().isProcessFault() && other.nodes().stream().anyMatch(fault.nodes()::contains)) {
                    throw new IllegalStateException("cannot start " + describe(fault) + ": " + describe(other) + " is in force");
                }
            }
        }
        // Counted as in force before it is applied: a start that fails half-way still gets healed.
        inForce.add(fault);
        nemesis.start(fault);
    }

    @Override
    public synchronized void heal(Fault fault) throws Exception {
        if (!inForce.remove(fault)) {
            throw new IllegalStateException("cannot heal " + describe(fault) + ": it is not in force");
        }
        nemesis.heal(fault);
    }

    @Override
    public synchronized void healAll() throws Exception {
        inForce.clear();
        nemesis.healAll();
    }

    /** The faults started and not yet healed, oldest first. */
    public synchronized List<Fault> inForce() {
        return List.copyOf(inForce);
    }

    private static String describe(Fault fault) {
        return fault.kind().cliName() + " of " + String.join(",", fault.nodes());
    }
}
