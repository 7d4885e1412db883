package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small histories written the way papers write them, for tests:
 * {@code "P1: w(x,1) w(y,1); P2: r(y,1) r(x,nil)"}.
 *
 * <p>Sessions are separated by {@code ;} or new lines, each {@code P<process>:} and its operations
 * in program order: {@code w(k,v)} write, {@code r(k,v)} read, {@code cas(k,a,b)},
 * {@code add(k,e)}, {@code app(k,e)} (append), and {@code r(k,[1 2])} for a read of a set or list;
 * without a key, {@code w(1)}, {@code r(nil)}. A suffix {@code ?} makes the completion
 * {@code info}, {@code !} makes it {@code fail}. Integers become longs and {@code nil} null.
 *
 * <p>{@link #parse} interleaves the sessions round-robin, each operation invoked and completed
 * before the next begins; order matters only to checkers of real time. {@link #timeline} takes
 * one sequence of {@code <process>:<op>} tokens in real-time order instead.
 */
public final class HistoryText {
    private static final Pattern OP = Pattern.compile("([a-z]+)\\(([^)]*)\\)([?!]?)");

    private HistoryText() {}

    public static History parse(String text) {
        List<List<Op[]>> sessions = new ArrayList<>();
        for (String session : text.split("[;\\n]")) {
            if (session.isBlank()) {
                continue;
            }
            String[] parts = session.split(":", 2);
            int process = Integer.parseInt(parts[0].strip().substring(1));
            List<Op[]> operations = new ArrayList<>();
            for (String token : tokens(parts[1])) {
                operations.add(operation(process, token));
            }
            sessions.add(operations);
        }
        List<Op> ops = new ArrayList<>();
        for (int round = 0; ; round++) {
            boolean any = false;
            for (List<Op[]> session : sessions) {
                if (round < session.size()) {
                    ops.add(session.get(round)[0]);
                    ops.add(session.get(round)[1]);
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return History.of(ops);
    }

    /** Operations in real-time order, e.g. {@code "1:w(x,1) 2:r(x,nil)"}, each atomic. */
    public static History timeline(String text) {
        List<Op> ops = new ArrayList<>();
        for (String token : tokens(text)) {
            String[] parts = token.split(":", 2);
            Op[] operation = operation(Integer.parseInt(parts[0]), parts[1]);
            ops.add(operation[0]);
            ops.add(operation[1]);
        }
        return History.of(ops);
    }

    /** Splits on spaces outside brackets and parentheses. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int depth = 0;
        for (char c : text.strip().toCharArray()) {
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
            if (Character.isWhitespace(c) && depth == 0) {
                if (token.length() > 0) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** The invocation and completion of one written operation. */
    private static Op[] operation(int process, String token) {
        Matcher matcher = OP.matcher(token);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an operation: " + token);
        }
        String[] args = matcher.group(2).split(",");
        OpType outcome = switch (matcher.group(3)) {
            case "?" -> OpType.INFO;
            case "!" -> OpType.FAIL;
            default -> OpType.OK;
        };
        String f = switch (matcher.group(1)) {
            case "w" -> "write";
            case "r" -> "read";
            case "app" -> "append";
            case "add" -> "add";
            case "cas" -> "cas";
            default -> throw new IllegalArgumentException("unknown function in " + token);
        };
        int arity = f.equals("cas") ? 3 : 2;
        Object key = args.length == arity ? value(args[0]) : null;
        List<Object> values = new ArrayList<>();
        for (int i = args.length == arity ? 1 : 0; i < args.length; i++) {
            values.add(value(args[i]));
        }
        Object value = f.equals("cas") ? Collections.unmodifiableList(values) : values.get(0);
        Object invoked = f.equals("read") ? null : value;
        Object completed = f.equals("read") && outcome != OpType.OK ? null : value;
        return new Op[] {
            Op.invoke(process, f, key, invoked),
            Op.completion(outcome, process, f, key, completed)
        };
    }

    private static Object value(String text) {
        String value = text.strip();
        if (value.equals("nil")) {
            return null;
        }
        if (value.startsWith("[")) {
            List<Object> items = new ArrayList<>();
            for (String item : value.substring(1, value.length() - 1).strip().split("\\s+")) {
                if (!item.isEmpty()) {
                    items.add(value(item));
                }
            }
            return List.copyOf(items);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
