package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.core.ClientReply;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Envelope;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.Ack;
import dev.faultline.target.zab.ZabMessage.AckEpoch;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.LeaderInfo;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.Notification;
import dev.faultline.target.zab.ZabMessage.UpToDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives one ZAB core by hand for scripted tests (etcd raft's paper tests): feed it messages,
 * ticks and client requests, and look at what it sent, persisted and replied, in order. Every
 * input is followed by a hand-over ({@code ready()}), as the simulator does.
 */
final class CoreDriver {
    static final ClockReading NOW = new ClockReading(0, 0);

    final String node;
    final ZabCore core;
    /** Everything the core handed over, in order. */
    final List<Ready<ZabMessage, ZabRecord>> readies = new ArrayList<>();
    /** What survives a crash: the durable log as the driver carried it out (snapshots replace). */
    final List<ZabRecord> disk = new ArrayList<>();
    private long nextRequestId = 1;

    CoreDriver(String node, List<String> nodes, ZabConfig config, List<ZabRecord> recovered) {
        this.node = node;
        this.core = new ZabCore(new CoreContext(node, nodes, new SplittableRandom(7), 10_000_000L), config, ZabProbe.NONE,
                recovered);
        disk.addAll(recovered);
        handOver();
    }

    static CoreDriver start(String node, int voters, ZabConfig config) {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= voters + config.observerCount(); i++) {
            nodes.add("n" + i);
        }
        return new CoreDriver(node, nodes, config, List.of());
    }

    CoreDriver receive(String from, ZabMessage message) {
        core.receive(NOW, from, message);
        return handOver();
    }

    /** Messages from {@code from} taken in one batch before a hand-over, as the shell batches its inputs. */
    CoreDriver receiveInOneBatch(String from, ZabMessage... messages) {
        for (ZabMessage message : messages) {
            core.receive(NOW, from, message);
        }
        return handOver();
    }

    CoreDriver tick(int ticks) {
        for (int i = 0; i < ticks; i++) {
            core.tick(NOW);
            handOver();
        }
        return this;
    }

    long request(KvRequest request) {
        long id = nextRequestId++;
        core.request(NOW, new ClientRequest(id, request));
        handOver();
        return id;
    }

    private CoreDriver handOver() {
        Ready<ZabMessage, ZabRecord> ready = core.ready();
        readies.add(ready);
        if (ready.snapshot() != null) {
            disk.clear();
            disk.add(ready.snapshot());
        }
        disk.addAll(ready.records());
        return this;
    }

    /** Forgets what was handed over so far, so the next assertions see only what follows. */
    CoreDriver clear() {
        readies.clear();
        return this;
    }

    /** Every message sent to {@code to} since the last {@link #clear}, before- and after-persist alike. */
    List<ZabMessage> sentTo(String to) {
        List<ZabMessage> sent = new ArrayList<>();
        for (Ready<ZabMessage, ZabRecord> ready : readies) {
            for (Envelope<ZabMessage> envelope : ready.messages()) {
                if (envelope.to().equals(to)) {
                    sent.add(envelope.message());
                }
            }
            for (Envelope<ZabMessage> envelope : ready.messagesAfterPersist()) {
                if (envelope.to().equals(to)) {
                    sent.add(envelope.message());
                }
            }
        }
        return sent;
    }

    <T extends ZabMessage> List<T> sentTo(String to, Class<T> type) {
        return sentTo(to).stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends ZabMessage> T lastSentTo(String to, Class<T> type) {
        List<T> sent = sentTo(to, type);
        assertThat(sent).as("%s sent %s to %s", node, type.getSimpleName(), to).isNotEmpty();
        return sent.get(sent.size() - 1);
    }

    /** The records persisted since the last {@link #clear}. */
    List<ZabRecord> persisted() {
        List<ZabRecord> records = new ArrayList<>();
        for (Ready<ZabMessage, ZabRecord> ready : readies) {
            if (ready.snapshot() != null) {
                records.add(ready.snapshot());
            }
            records.addAll(ready.records());
        }
        return records;
    }

    /** The Ready that sent {@code message}, to look at its ordering. */
    Ready<ZabMessage, ZabRecord> readyThatSent(ZabMessage message) {
        for (Ready<ZabMessage, ZabRecord> ready : readies) {
            if (ready.messages().stream().anyMatch(e -> e.message().equals(message))
                    || ready.messagesAfterPersist().stream().anyMatch(e -> e.message().equals(message))) {
                return ready;
            }
        }
        throw new AssertionError(node + " never sent " + message);
    }

    List<KvReply> replies() {
        List<KvReply> replies = new ArrayList<>();
        for (Ready<ZabMessage, ZabRecord> ready : readies) {
            for (ClientReply reply : ready.replies()) {
                replies.add(reply.reply());
            }
        }
        return replies;
    }

    KvReply replyTo(long requestId) {
        for (Ready<ZabMessage, ZabRecord> ready : readies) {
            for (ClientReply reply : ready.replies()) {
                if (reply.requestId() == requestId) {
                    return reply.reply();
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------ scripts

    /**
     * Takes a change, then hears nothing for the sync limit: the server must look for a leader
     * again and answer the change {@code info}, since it may still commit.
     */
    void assertLooksAgainAfterSilenceGivingUpItsClients() {
        long write = request(KvRequest.write("x", 1L, 0, 1));
        tick(ZabConfig.defaults().syncLimitTicks() + 1);
        assertThat(core.state()).isEqualTo(ServerState.LOOKING);
        assertThat(replyTo(write)).isEqualTo(KvReply.info(KvErrors.LEADERSHIP_LOST));
    }

    /** Elects this core leader of a cluster of {@code nodes}: every other voter votes for it in round 1. */
    CoreDriver electedLeader(List<String> voters) {
        Vote self = new Vote(node, core.lastZxid(), core.currentEpoch());
        for (String voter : voters) {
            if (!voter.equals(node)) {
                receive(voter, new Notification(self, 1, ServerState.LOOKING));
            }
        }
        tick(ZabConfig.defaults().finalizeWaitTicks() + 1);
        assertThat(core.state()).isEqualTo(ServerState.LEADING);
        return this;
    }

    /**
     * Takes this elected leader through discovery and synchronization with {@code learners}, each
     * at the empty history: FOLLOWERINFO, ACKEPOCH, ACK of NEWLEADER.
     *
     * @return the epoch established
     */
    long establish(List<String> learners) {
        for (String learner : learners) {
            receive(learner, new FollowerInfo(0, Zxid.ZERO, false));
        }
        long epoch = lastSentTo(learners.get(0), LeaderInfo.class).epoch();
        for (String learner : learners) {
            receive(learner, new AckEpoch(epoch, 0, Zxid.ZERO, true));
        }
        for (String learner : learners) {
            NewLeader newLeader = lastSentTo(learner, NewLeader.class);
            receive(learner, new Ack(epoch, newLeader.lastZxidAfter(Zxid.ZERO), true));
        }
        assertThat(core.serving()).isTrue();
        lastSentTo(learners.get(0), UpToDate.class);
        return epoch;
    }
}
