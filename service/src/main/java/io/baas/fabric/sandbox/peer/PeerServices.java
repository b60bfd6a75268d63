package io.baas.fabric.sandbox.peer;

import io.baas.fabric.sandbox.PeerSettings;
import io.baas.fabric.sandbox.common.ChannelMsps;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.endorser.Acl;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Endorser;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.sandbox.peer.scc.Cscc;
import io.baas.fabric.sandbox.peer.scc.Qscc;
import io.grpc.BindableService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** Wires a peer's parts together: channels, system chaincodes, endorser, and the gRPC services over them. */
public record PeerServices(PeerChannels channels, Endorser endorser, List<BindableService> grpcServices) {

    public static PeerServices create(PeerSettings settings, ChannelMsps localMsp, ScheduledExecutorService scheduler,
            ExecutorService deliverThreads) {
        PeerChannels channels = new PeerChannels(settings.signer(), settings.ordererAddressOverrides(), settings.clock(), scheduler,
                new CommittedDefinitions());
        Acl acl = new Acl(localMsp);
        Map<String, Chaincodes.SystemChaincode> system = Map.of(
                Cscc.NAME, new Cscc(channels, acl),
                Qscc.NAME, new Qscc(channels, acl));
        Endorser endorser = new Endorser(settings.signer(), localMsp, channels, new PeerChaincodes(system));
        return new PeerServices(channels, endorser, List.of(new EndorserService(endorser)));
    }
}
