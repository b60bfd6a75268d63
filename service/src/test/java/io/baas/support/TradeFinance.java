package io.baas.support;

import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import java.util.List;
import java.util.Map;

/**
 * The resources of the tests' "trade" consortium, led by bank-a: the channel trade-finance and its
 * chaincodes, in the leader's namespace trade-bank-a, as a user would apply them.
 */
public final class TradeFinance {

    public static final String NAMESPACE = "trade-bank-a";
    public static final String CHANNEL = "trade-finance";

    private TradeFinance() {
    }

    /** The channel trade-finance of the consortium trade, with these member organizations. */
    /** Consortium "trade": bank-a leads, bank-b is a member, one peer each and one orderer. */
    public static io.baas.crd.Consortium consortium() {
        io.baas.crd.Consortium consortium = new io.baas.crd.Consortium();
        consortium.getMetadata().setName("trade");
        consortium.setSpec(new io.baas.crd.Consortium.Spec());
        consortium.getSpec().leader = new io.baas.crd.Consortium.Member("bank-a", "ws-bank-a");
        consortium.getSpec().leader.peers = 1;
        io.baas.crd.Consortium.Member bankB = new io.baas.crd.Consortium.Member("bank-b", "ws-bank-b");
        bankB.peers = 1;
        consortium.getSpec().members = List.of(consortium.getSpec().leader, bankB);
        consortium.getSpec().orderingService = new io.baas.crd.Consortium.OrderingService();
        consortium.getSpec().orderingService.nodes = 1;
        return consortium;
    }

    public static Channel channel(String... organizations) {
        Channel channel = new Channel();
        channel.getMetadata().setName(CHANNEL);
        channel.getMetadata().setNamespace(NAMESPACE);
        channel.setSpec(new Channel.Spec());
        channel.getSpec().channelId = CHANNEL;
        channel.getSpec().consortium = "trade";
        channel.getSpec().organizations = List.of(organizations);
        return channel;
    }

    /** A chaincode on trade-finance from the package packageName 1.0, version 1.0, sequence 1, two bank-b servers. */
    public static Chaincode chaincode(String name, String packageName) {
        Chaincode chaincode = new Chaincode();
        chaincode.getMetadata().setName(name);
        chaincode.getMetadata().setNamespace(NAMESPACE);
        chaincode.setSpec(new Chaincode.Spec());
        chaincode.getSpec().name = name;
        chaincode.getSpec().channel = CHANNEL;
        chaincode.getSpec().packageRef = new Chaincode.PackageRef();
        chaincode.getSpec().packageRef.name = packageName;
        chaincode.getSpec().packageRef.version = "1.0";
        chaincode.getSpec().version = "1.0";
        chaincode.getSpec().sequence = 1L;
        chaincode.getSpec().replicas = Map.of("bank-b", 2);
        return chaincode;
    }

    /** A real private data collection config: c1 of two organizations, kept for ever, read by members only. */
    public static Chaincode.PrivateDataCollection collectionC1() {
        Chaincode.PrivateDataCollection c1 = new Chaincode.PrivateDataCollection();
        c1.name = "c1";
        c1.policy = "OR('Org1MSP.member','Org2MSP.member')";
        c1.requiredPeerCount = 0;
        c1.maxPeerCount = 3;
        c1.blockToLive = 0L;
        c1.memberOnlyRead = true;
        return c1;
    }
}
