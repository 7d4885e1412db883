package dev.faultline.nemesis.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One thing the controller asks a node's agent to do; the JSON field {@code op} names the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BlockPeers.class, name = "block-peers"),
    @JsonSubTypes.Type(value = LinkFaults.class, name = "link-faults"),
    @JsonSubTypes.Type(value = Heal.class, name = "heal"),
    @JsonSubTypes.Type(value = ClockBump.class, name = "clock-bump"),
    @JsonSubTypes.Type(value = ClockStrobe.class, name = "clock-strobe"),
    @JsonSubTypes.Type(value = ClockRate.class, name = "clock-rate"),
    @JsonSubTypes.Type(value = ClockReset.class, name = "clock-reset"),
    @JsonSubTypes.Type(value = PowerLoss.class, name = "power-loss"),
    @JsonSubTypes.Type(value = DiskFaults.class, name = "disk-faults"),
    @JsonSubTypes.Type(value = StatusRequest.class, name = "status")
})
public sealed interface AgentRequest
        permits BlockPeers, LinkFaults, Heal, ClockBump, ClockStrobe, ClockRate, ClockReset, PowerLoss, DiskFaults,
        StatusRequest {

    /** A short description for fault logs, e.g. {@code block-peers outbound=[n2] inbound=[n2]}. */
    String describe();
}
