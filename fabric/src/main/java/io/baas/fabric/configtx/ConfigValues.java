package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/** The config values configtxgen writes, each encoded as Fabric's channelconfig package does. */
final class ConfigValues {

    static final String ADMINS = DefaultPolicies.ADMINS;
    // common/util: a width of MaxUint32 makes the block data hash a flat SHA-256.
    private static final int FLAT_DATA_HASH_WIDTH = 0xFFFFFFFF;

    private ConfigValues() {
    }

    static ConfigValue of(Message value) {
        return of(value.toByteString());
    }

    static ConfigValue of(ByteString value) {
        return ConfigValue.newBuilder().setModPolicy(ADMINS).setValue(value).build();
    }

    static ConfigValue hashingAlgorithm() {
        return of(HashingAlgorithm.newBuilder().setName("SHA256").build());
    }

    static ConfigValue blockDataHashingStructure() {
        return of(BlockDataHashingStructure.newBuilder().setWidth(FLAT_DATA_HASH_WIDTH).build());
    }

    /** Sorted, so the bytes do not depend on set order (Go writes map entries in random order anyway). */
    static ConfigValue capabilities(Set<String> names) {
        Capabilities.Builder capabilities = Capabilities.newBuilder();
        new TreeSet<>(names).forEach(name -> capabilities.putCapabilities(name, Capability.getDefaultInstance()));
        return of(capabilities.build());
    }

    static ConfigValue acls(Map<String, String> acls) {
        ACLs.Builder builder = ACLs.newBuilder();
        new TreeSet<>(acls.keySet()).forEach(resource ->
                builder.putAcls(resource, APIResource.newBuilder().setPolicyRef(acls.get(resource)).build()));
        return of(builder.build());
    }

    static ConfigValue batchSize(BatchSize size) {
        return of(org.hyperledger.fabric.protos.orderer.BatchSize.newBuilder()
                .setMaxMessageCount(size.maxMessageCount())
                .setAbsoluteMaxBytes(size.absoluteMaxBytes())
                .setPreferredMaxBytes(size.preferredMaxBytes())
                .build());
    }

    static ConfigValue batchTimeout(java.time.Duration timeout) {
        return of(BatchTimeout.newBuilder().setTimeout(GoDurations.format(timeout)).build());
    }

    /** No limit on channels: an application channel has no use for the system channel's restriction. */
    static ConfigValue channelRestrictions() {
        return of(ChannelRestrictions.getDefaultInstance());
    }

    static ConfigValue etcdRaft(List<Consenter> consenters, EtcdRaftOptions options) {
        ConfigMetadata.Builder metadata = ConfigMetadata.newBuilder()
                .setOptions(Options.newBuilder()
                        .setTickInterval(GoDurations.format(options.tickInterval()))
                        .setElectionTick(options.electionTick())
                        .setHeartbeatTick(options.heartbeatTick())
                        .setMaxInflightBlocks(options.maxInflightBlocks())
                        .setSnapshotIntervalSize((int) options.snapshotIntervalSizeBytes()));
        for (Consenter consenter : consenters) {
            metadata.addConsenters(org.hyperledger.fabric.protos.orderer.etcdraft.Consenter.newBuilder()
                    .setHost(consenter.endpoint().host())
                    .setPort(consenter.endpoint().port())
                    .setClientTlsCert(consenter.clientTlsCert())
                    .setServerTlsCert(consenter.serverTlsCert()));
        }
        return of(ConsensusType.newBuilder().setType("etcdraft").setMetadata(metadata.build().toByteString()).build());
    }

    static ConfigValue endpoints(List<String> addresses) {
        return of(OrdererAddresses.newBuilder().addAllAddresses(addresses).build());
    }

    static ConfigValue anchorPeers(List<HostPort> peers) {
        AnchorPeers.Builder anchors = AnchorPeers.newBuilder();
        peers.forEach(peer -> anchors.addAnchorPeers(AnchorPeer.newBuilder().setHost(peer.host()).setPort(peer.port())));
        return of(anchors.build());
    }

    /** A verifying MSP (no signing identity), as msp.GetVerifyingMspConfig builds it. */
    static ConfigValue msp(MspDescription msp) {
        FabricMSPConfig.Builder config = FabricMSPConfig.newBuilder()
                .setName(msp.mspId())
                .addAllRootCerts(msp.rootCerts())
                .addAllIntermediateCerts(msp.intermediateCerts())
                .addAllAdmins(msp.admins())
                .addAllRevocationList(msp.revocationList())
                .setCryptoConfig(FabricCryptoConfig.newBuilder()
                        .setSignatureHashFamily("SHA2")
                        .setIdentityIdentifierHashFunction("SHA256"))
                .addAllTlsRootCerts(msp.tlsRootCerts())
                .addAllTlsIntermediateCerts(msp.tlsIntermediateCerts());
        msp.nodeOus().ifPresent(ous -> config.setFabricNodeOus(nodeOus(ous)));
        return of(MSPConfig.newBuilder().setType(0).setConfig(config.build().toByteString()).build());
    }

    private static FabricNodeOUs nodeOus(NodeOus ous) {
        FabricNodeOUs.Builder builder = FabricNodeOUs.newBuilder().setEnable(true);
        ous.client().map(ConfigValues::ou).ifPresent(builder::setClientOuIdentifier);
        ous.peer().map(ConfigValues::ou).ifPresent(builder::setPeerOuIdentifier);
        ous.admin().map(ConfigValues::ou).ifPresent(builder::setAdminOuIdentifier);
        ous.orderer().map(ConfigValues::ou).ifPresent(builder::setOrdererOuIdentifier);
        return builder.build();
    }

    private static FabricOUIdentifier ou(OuIdentifier ou) {
        FabricOUIdentifier.Builder builder = FabricOUIdentifier.newBuilder().setOrganizationalUnitIdentifier(ou.organizationalUnit());
        ou.certificate().ifPresent(builder::setCertificate);
        return builder.build();
    }
}
