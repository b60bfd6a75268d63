package io.baas.reconcile.runtime;

import io.baas.crd.Channel;

/** Channels: genesis, orderer and peer joins, config updates. */
public class ChannelController extends PassReconciler<Channel> {

    ChannelController(Passes passes) {
        super(passes, Channel.class);
    }
}
