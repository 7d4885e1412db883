package dev.faultline.target.raft;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Binary codecs for {@link RaftMessage} (the peer transport) and {@link RaftRecord} (the
 * write-ahead log): a tag byte, then the fields in declaration order. Commands reuse the client
 * protocol's request encoding.
 */
final class RaftCodecs {
    private RaftCodecs() {}

    private static final int REQUEST_VOTE = 1;
    private static final int REQUEST_VOTE_RESPONSE = 2;
    private static final int APPEND_ENTRIES = 3;
    private static final int APPEND_ENTRIES_RESPONSE = 4;
    private static final int HEARTBEAT = 5;
    private static final int HEARTBEAT_RESPONSE = 6;
    private static final int INSTALL_SNAPSHOT = 7;
    private static final int INSTALL_SNAPSHOT_RESPONSE = 8;

    private static final int HARD_STATE = 1;
    private static final int APPEND = 2;
    private static final int SNAPSHOT = 3;

    private static final int NOOP = 1;
    private static final int COMMAND = 2;
    private static final int MEMBERSHIP = 3;
    /** The smallest encoded entry: term, index, tag. */
    private static final int ENTRY_BYTES_MIN = 17;

    static final Codec<RaftMessage> MESSAGES = new Codec<>() {
        @Override
        public void encode(RaftMessage message, WireOutput out) {
            if (message instanceof RaftMessage.RequestVote vote) {
                out.writeByte(REQUEST_VOTE).writeLong(vote.term()).writeBoolean(vote.preVote())
                        .writeLong(vote.lastLogIndex()).writeLong(vote.lastLogTerm());
            } else if (message instanceof RaftMessage.RequestVoteResponse response) {
                out.writeByte(REQUEST_VOTE_RESPONSE).writeLong(response.term()).writeBoolean(response.preVote())
                        .writeBoolean(response.granted());
            } else if (message instanceof RaftMessage.AppendEntries append) {
                out.writeByte(APPEND_ENTRIES).writeLong(append.term()).writeLong(append.prevLogIndex())
                        .writeLong(append.prevLogTerm());
                writeEntries(append.entries(), out);
                out.writeLong(append.leaderCommit());
            } else if (message instanceof RaftMessage.AppendEntriesResponse response) {
                out.writeByte(APPEND_ENTRIES_RESPONSE).writeLong(response.term()).writeBoolean(response.success())
                        .writeLong(response.matchIndex()).writeLong(response.rejectedIndex())
                        .writeLong(response.conflictIndex()).writeLong(response.conflictTerm());
            } else if (message instanceof RaftMessage.Heartbeat heartbeat) {
                out.writeByte(HEARTBEAT).writeLong(heartbeat.term()).writeLong(heartbeat.leaderCommit())
                        .writeLong(heartbeat.round());
            } else if (message instanceof RaftMessage.HeartbeatResponse response) {
                out.writeByte(HEARTBEAT_RESPONSE).writeLong(response.term()).writeLong(response.round());
            } else if (message instanceof RaftMessage.InstallSnapshot install) {
                out.writeByte(INSTALL_SNAPSHOT).writeLong(install.term());
                writeMeta(install.meta(), out);
                out.writeLong(install.totalBytes()).writeLong(install.offset()).writeBytes(install.chunk());
            } else if (message instanceof RaftMessage.InstallSnapshotResponse response) {
                out.writeByte(INSTALL_SNAPSHOT_RESPONSE).writeLong(response.term()).writeLong(response.snapshotIndex())
                        .writeLong(response.nextOffset()).writeBoolean(response.installed());
            }
        }

        @Override
        public RaftMessage decode(WireInput in) {
            int tag = in.readByte();
            try {
                return switch (tag) {
                    case REQUEST_VOTE -> new RaftMessage.RequestVote(in.readLong(), in.readBoolean(), in.readLong(), in.readLong());
                    case REQUEST_VOTE_RESPONSE -> new RaftMessage.RequestVoteResponse(in.readLong(), in.readBoolean(), in.readBoolean());
                    case APPEND_ENTRIES -> new RaftMessage.AppendEntries(in.readLong(), in.readLong(), in.readLong(),
                            readEntries(in), in.readLong());
                    case APPEND_ENTRIES_RESPONSE -> new RaftMessage.AppendEntriesResponse(in.readLong(), in.readBoolean(),
                            in.readLong(), in.readLong(), in.readLong(), in.readLong());
                    case HEARTBEAT -> new RaftMessage.Heartbeat(in.readLong(), in.readLong(), in.readLong());
                    case HEARTBEAT_RESPONSE -> new RaftMessage.HeartbeatResponse(in.readLong(), in.readLong());
                    case INSTALL_SNAPSHOT -> new RaftMessage.InstallSnapshot(in.readLong(), readMeta(in), in.readLong(),
                            in.readLong(), in.readBytes());
                    case INSTALL_SNAPSHOT_RESPONSE -> new RaftMessage.InstallSnapshotResponse(in.readLong(), in.readLong(),
                            in.readLong(), in.readBoolean());
                    default -> throw new WireFormatException("unknown raft message tag " + tag);
                };
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("bad raft message: " + e.getMessage());
            }
        }
    };

    static final Codec<RaftRecord> RECORDS = new Codec<>() {
        @Override
        public void encode(RaftRecord record, WireOutput out) {
            if (record instanceof RaftRecord.HardState hardState) {
                out.writeByte(HARD_STATE);
                writeHardState(hardState, out);
            } else if (record instanceof RaftRecord.Append append) {
                out.writeByte(APPEND);
                writeEntries(append.entries(), out);
            } else if (record instanceof RaftRecord.Snapshot snapshot) {
                out.writeByte(SNAPSHOT);
                writeHardState(snapshot.hardState(), out);
                writeMeta(snapshot.meta(), out);
                out.writeBytes(snapshot.data());
                writeEntries(snapshot.tail(), out);
            }
        }

        @Override
        public RaftRecord decode(WireInput in) {
            int tag = in.readByte();
            try {
                return switch (tag) {
                    case HARD_STATE -> readHardState(in);
                    case APPEND -> new RaftRecord.Append(readEntries(in));
                    case SNAPSHOT -> new RaftRecord.Snapshot(readHardState(in), readMeta(in), in.readBytes(), readEntries(in));
                    default -> throw new WireFormatException("unknown raft record tag " + tag);
                };
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("bad raft record: " + e.getMessage());
            }
        }
    };

    private static void writeHardState(RaftRecord.HardState hardState, WireOutput out) {
        out.writeLong(hardState.term()).writeString(hardState.votedFor());
    }

    private static RaftRecord.HardState readHardState(WireInput in) {
        return new RaftRecord.HardState(in.readLong(), in.readString());
    }

    private static void writeMeta(SnapshotMeta meta, WireOutput out) {
        out.writeLong(meta.index()).writeLong(meta.term()).writeStrings(meta.voters());
    }

    private static SnapshotMeta readMeta(WireInput in) {
        return new SnapshotMeta(in.readLong(), in.readLong(), in.readStrings());
    }

    private static void writeEntries(List<Entry> entries, WireOutput out) {
        out.writeInt(entries.size());
        for (Entry entry : entries) {
            out.writeLong(entry.term()).writeLong(entry.index());
            EntryData data = entry.data();
            if (data instanceof EntryData.Noop) {
                out.writeByte(NOOP);
            } else if (data instanceof EntryData.Command command) {
                out.writeByte(COMMAND);
                KvCodec.writeRequest(out, 0, command.request());
            } else if (data instanceof EntryData.Membership membership) {
                out.writeByte(MEMBERSHIP).writeStrings(membership.voters());
            }
        }
    }

    private static List<Entry> readEntries(WireInput in) {
        int count = in.readCount(ENTRY_BYTES_MIN);
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long term = in.readLong();
            long index = in.readLong();
            int tag = in.readByte();
            EntryData data = switch (tag) {
                case NOOP -> EntryData.Noop.INSTANCE;
                case COMMAND -> {
                    in.readLong(); // the unused correlation id of the client protocol's encoding
                    yield new EntryData.Command(KvCodec.readRequest(in));
                }
                case MEMBERSHIP -> new EntryData.Membership(in.readStrings());
                default -> throw new WireFormatException("unknown raft entry tag " + tag);
            };
            entries.add(new Entry(term, index, data));
        }
        return Collections.unmodifiableList(entries);
    }
}
