package dev.faultline.target.paxos;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The wire forms of the values messages and records share: ballots, commands, proposals, accepted values. */
final class PaxosWire {
    private static final int NOOP = 0;
    private static final int CLIENT = 1;
    /** The fewest bytes a ballot, a command or a proposal can take, to bound counts before allocating. */
    private static final int ITEM_BYTES_MIN = 8;

    private PaxosWire() {}

    static void writeBallot(WireOutput out, Ballot ballot) {
        out.writeLong(ballot.round()).writeString(ballot.node());
    }

    static Ballot readBallot(WireInput in) {
        long round = in.readLong();
        String node = in.readString();
        try {
            return new Ballot(round, node == null ? "" : node);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage());
        }
    }

    static void writeCommand(WireOutput out, Command command) {
        if (command instanceof Command.Client client) {
            out.writeByte(CLIENT).writeString(client.proposer());
            KvCodec.writeRequest(out, client.requestId(), client.request());
        } else {
            out.writeByte(NOOP);
        }
    }

    static Command readCommand(WireInput in) {
        int tag = in.readByte();
        if (tag == NOOP) {
            return Command.NOOP;
        }
        if (tag != CLIENT) {
            throw new WireFormatException("unknown command tag " + tag);
        }
        String proposer = in.readString();
        long requestId = in.readLong();
        if (proposer == null) {
            throw new WireFormatException("a client command without its proposer");
        }
        return new Command.Client(proposer, requestId, KvCodec.readRequest(in));
    }

    static void writeProposals(WireOutput out, List<Proposal> proposals) {
        out.writeInt(proposals.size());
        for (Proposal proposal : proposals) {
            out.writeLong(proposal.slot());
            writeCommand(out, proposal.command());
        }
    }

    static List<Proposal> readProposals(WireInput in) {
        int count = in.readCount(ITEM_BYTES_MIN);
        List<Proposal> proposals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            proposals.add(checked(() -> new Proposal(in.readLong(), readCommand(in))));
        }
        return Collections.unmodifiableList(proposals);
    }

    static void writeAccepted(WireOutput out, List<AcceptedValue> accepted) {
        out.writeInt(accepted.size());
        for (AcceptedValue value : accepted) {
            out.writeLong(value.slot());
            writeBallot(out, value.ballot());
            writeCommand(out, value.command());
        }
    }

    static List<AcceptedValue> readAccepted(WireInput in) {
        int count = in.readCount(ITEM_BYTES_MIN);
        List<AcceptedValue> accepted = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            accepted.add(checked(() -> new AcceptedValue(in.readLong(), readBallot(in), readCommand(in))));
        }
        return Collections.unmodifiableList(accepted);
    }

    static void writeSlots(WireOutput out, List<Long> slots) {
        out.writeInt(slots.size());
        for (long slot : slots) {
            out.writeLong(slot);
        }
    }

    static List<Long> readSlots(WireInput in) {
        int count = in.readCount(Long.BYTES);
        List<Long> slots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.add(in.readLong());
        }
        return Collections.unmodifiableList(slots);
    }

    /** A state machine's keys and values (canonical values both). */
    static void writeData(WireOutput out, Map<Object, Object> data) {
        out.writeInt(data.size());
        for (Map.Entry<Object, Object> entry : data.entrySet()) {
            out.writeValue(entry.getKey()).writeValue(entry.getValue());
        }
    }

    static Map<Object, Object> readData(WireInput in) {
        int count = in.readCount(2);
        Map<Object, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            data.put(in.readValue(), in.readValue());
        }
        return Collections.unmodifiableMap(data);
    }

    /** Turns a constructor's refusal of decoded fields into the codec's own exception. */
    static <T> T checked(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage());
        }
    }
}
