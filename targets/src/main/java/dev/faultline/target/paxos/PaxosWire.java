package dev.faultline.target.paxos;

import static dev.faultline.target.common.wire.WireCollections.checked;
import static dev.faultline.target.common.wire.WireCollections.readList;
import static dev.faultline.target.common.wire.WireCollections.writeList;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.List;

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
        return checked(() -> new Ballot(round, node == null ? "" : node));
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
        writeList(out, proposals, (output, proposal) -> {
            output.writeLong(proposal.slot());
            writeCommand(output, proposal.command());
        });
    }

    static List<Proposal> readProposals(WireInput in) {
        return readList(in, ITEM_BYTES_MIN, input -> checked(() -> new Proposal(input.readLong(), readCommand(input))));
    }

    static void writeAccepted(WireOutput out, List<AcceptedValue> accepted) {
        writeList(out, accepted, (output, value) -> {
            output.writeLong(value.slot());
            writeBallot(output, value.ballot());
            writeCommand(output, value.command());
        });
    }

    static List<AcceptedValue> readAccepted(WireInput in) {
        return readList(in, ITEM_BYTES_MIN,
                input -> checked(() -> new AcceptedValue(input.readLong(), readBallot(input), readCommand(input))));
    }

    static void writeSlots(WireOutput out, List<Long> slots) {
        writeList(out, slots, WireOutput::writeLong);
    }

    static List<Long> readSlots(WireInput in) {
        return readList(in, Long.BYTES, WireInput::readLong);
    }
}
