package io.baas.fabric.admin;

import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.identity.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

/**
 * A live channel's config through an orderer: the latest config (the newest block names the last
 * config block, whose envelope holds it), and a config update submitted and waited for until the
 * channel's config sequence has moved on.
 */
public final class ChannelConfigClient {

    private static final Duration POLL = Duration.ofMillis(200);

    private final OrdererClient orderer;
    private final Clock clock;

    public ChannelConfigClient(OrdererClient orderer, Clock clock) {
        this.orderer = orderer;
        this.clock = clock;
    }

    /** The channel's current config, read as a member of the channel. */
    public Config latest(Signer member, String channelId) {
        Block newest = one(orderer.deliver(SeekRequests.newest(member, channelId, clock.instant())), channelId, "newest");
        long lastConfig = BlockDecoder.decodeMetadata(newest).lastConfigIndex();
        Block configBlock = lastConfig == newest.getHeader().getNumber() ? newest
                : one(orderer.deliver(SeekRequests.block(member, channelId, clock.instant(), lastConfig)), channelId, "config");
        try {
            return ConfigEnvelope.parseFrom(Payload.parseFrom(Envelope.parseFrom(configBlock.getData().getData(0)).getPayload()).getData())
                    .getConfig();
        } catch (com.google.protobuf.InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new FabricAdminException(FabricAdminException.Reason.PROTOCOL, 200, "block " + lastConfig + " of " + channelId
                    + " is not a config block");
        }
    }

    /** Broadcasts the CONFIG_UPDATE and waits until the channel's config has the next sequence; returns it. */
    public Config submit(Envelope configUpdate, Signer member, String channelId, Duration timeout) {
        long before = latest(member, channelId).getSequence();
        BroadcastResponse answer = orderer.broadcast(configUpdate);
        if (answer.getStatus() != Status.SUCCESS) {
            throw new FabricAdminException(FabricAdminException.Reason.REFUSED, answer.getStatus().getNumber(),
                    "The orderer refused the config update: " + answer.getStatus() + " " + answer.getInfo());
        }
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Config now = latest(member, channelId);
            if (now.getSequence() > before) {
                return now;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0, "The config update of " + channelId
                        + " was accepted but no config block came within " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0, "interrupted waiting for the config block");
            }
        }
    }

    private static Block one(OrdererClient.Delivery delivery, String channelId, String which) {
        if (delivery.status() != Status.SUCCESS || delivery.blocks().isEmpty()) {
            throw new FabricAdminException(delivery.status() == Status.FORBIDDEN ? FabricAdminException.Reason.REFUSED
                    : FabricAdminException.Reason.UNAVAILABLE, delivery.status().getNumber(),
                    "The orderer did not deliver the " + which + " block of " + channelId + ": " + delivery.status());
        }
        return delivery.blocks().get(0);
    }
}
