package dev.faultline.checker.session;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.Guarded;
import dev.faultline.checker.graph.InitialValue;
import dev.faultline.checker.graph.RegisterHistory;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code session}: the session guarantees named by the option {@code guarantees} ({@code ryw},
 * {@code mr}, {@code mw}, {@code wfr}, or {@code pram} = ryw, mr, mw; all four by default) on a
 * register or key-value history of reads and writes. A new process id, or any operation after an
 * {@code info}, starts a new session.
 *
 * <p>White-box when every {@code ok} operation carries the version it wrote or read
 * ({@code meta.version}): one scan per session ({@link WhiteBoxSessions}). Otherwise black-box on
 * unique written values, under one write order per key ({@link BlackBoxSessions}), with
 * session-local and cross-session violations reported apart. Sets and lists are left to the
 * causal checker, whose visibility check covers RYW, MR and the visibility forms of MW and WFR.
 */
public final class SessionChecker implements Checker {
    public static final String NAME = "session";

    private final Set<Guarantee> guarantees;
    private final Object initialValue;

    public SessionChecker(Set<Guarantee> guarantees, Object initialValue) {
        // An EnumSet iterates in declaration order; Set.copyOf's order changes from one JVM to the next,
        // and with it the guarantees listed in results.json.
        Set<Guarantee> copy = EnumSet.noneOf(Guarantee.class);
        copy.addAll(guarantees);
        this.guarantees = Collections.unmodifiableSet(copy);
        this.initialValue = initialValue;
    }

    /** From the options {@code guarantees} (default ryw,mr,mw,wfr) and {@code initial} (JSON). */
    public static SessionChecker fromOptions(CheckerOptions options) {
        return new SessionChecker(Guarantee.parse(options.list("guarantees", List.of("ryw", "mr", "mw", "wfr"))),
                InitialValue.of(options, null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        for (Operation operation : history.operations()) {
            if (operation.f().equals("add") || operation.f().equals("append")) {
                return Verdict.unknown(NAME, "the session checker handles registers; for sets and lists run"
                        + " the causal checker, whose visibility check covers RYW, MR, MW and WFR", Map.of());
            }
        }
        return Guarded.verdict(NAME, Map.of(), () -> WhiteBoxSessions.applies(history, initialValue)
                ? new WhiteBoxSessions(history, guarantees, context).verdict(NAME)
                : new BlackBoxSessions(RegisterHistory.of(history, initialValue), guarantees, context).verdict(NAME));
    }
}
