package io.baas.fabric.sandbox.peer;

import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.sandbox.PeerSettings;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.endorser.Acl;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Endorser;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.sandbox.peer.lifecycle.InstalledPackages;
import io.baas.fabric.sandbox.peer.privdata.PeerPrivateData;
import io.baas.fabric.sandbox.peer.privdata.PrivateDataDistributor;
import io.baas.fabric.sandbox.peer.privdata.PrivateDataGossipService;
import io.baas.fabric.sandbox.peer.privdata.PrivateDataPush;
import io.baas.fabric.sandbox.peer.privdata.TransientStore;
import io.baas.fabric.sandbox.peer.scc.Cscc;
import io.baas.fabric.sandbox.peer.scc.LifecycleScc;
import io.baas.fabric.sandbox.peer.scc.Qscc;
import io.grpc.BindableService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** Wires a peer's parts together: channels, system chaincodes, endorser, private data, and the gRPC services over them. */
public record PeerServices(PeerChannels channels, InstalledPackages installed, Endorser endorser,
        io.baas.fabric.sandbox.peer.gateway.GatewayService gateway, PrivateDataPush privateDataPush, List<BindableService> grpcServices) {

    /** @param address where the peer answers, known once its server started (for the gateway's error details) */
    public static PeerServices create(PeerSettings settings, ChannelMsps localMsp, ScheduledExecutorService scheduler,
            ExecutorService deliverThreads, java.util.function.Supplier<String> address) {
        return create(settings, localMsp, scheduler, deliverThreads, address, new io.baas.fabric.sandbox.operations.NodeMetrics());
    }

    /** With the node's metrics, which its parts count into. */
    public static PeerServices create(PeerSettings settings, ChannelMsps localMsp, ScheduledExecutorService scheduler,
            ExecutorService deliverThreads, java.util.function.Supplier<String> address, io.baas.fabric.sandbox.operations.NodeMetrics metrics) {
        TransientStore transientStore = new TransientStore();
        PeerChannels channels = new PeerChannels(settings.signer(), settings.ordererAddressOverrides(), settings.clock(), scheduler,
                new CommittedDefinitions(), settings.dataDirectory().map(directory -> directory.resolve("channels")),
                new PeerPrivateData(settings.localMsp().mspId(), transientStore));
        Acl acl = new Acl(localMsp);
        String mspId = settings.localMsp().mspId();
        InstalledPackages installed = new InstalledPackages(settings.chaincodeJars(),
                settings.dataDirectory().map(directory -> directory.resolve("packages")), settings.chaincodeProcesses(),
                settings.ccaasDialing());
        Map<String, Chaincodes.SystemChaincode> system = Map.of(
                Cscc.NAME, new Cscc(channels, acl),
                Qscc.NAME, new Qscc(channels, acl),
                LifecycleScc.NAME, new LifecycleScc(installed, acl, mspId));
        PrivateDataPush push = new PrivateDataPush(settings.signer());
        Endorser endorser = new Endorser(settings.signer(), localMsp, channels, new PeerChaincodes(system, installed, mspId),
                new PrivateDataDistributor(mspId, address, push), transientStore, metrics);
        PeerDeliverService deliver = new PeerDeliverService(
                new io.baas.fabric.sandbox.common.DeliverHandler(channels::channel, settings.clock()), deliverThreads);
        var gateway = new io.baas.fabric.sandbox.peer.gateway.GatewayService(endorser, channels, mspId, address,
                settings.ordererAddressOverrides());
        return new PeerServices(channels, installed, endorser, gateway, push, List.of(new EndorserService(endorser), deliver, gateway,
                new PrivateDataGossipService(channels, transientStore, mspId)));
    }
}
