package io.baas.fabric.sandbox.peer.channel;

import io.baas.fabric.sandbox.peer.commit.BlockCommitter;

/** Told of every block the peer commits on a channel, after the ledger has it. */
@FunctionalInterface
public interface CommitListener {

    void committed(String channelId, BlockCommitter.Committed committed);
}
