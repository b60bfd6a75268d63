package io.baas.fabric.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.junit.jupiter.api.Test;

class LifecycleRequestTest {

    private static final CollectionConfigPackage COLLECTIONS = CollectionConfigPackage.newBuilder()
            .addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder()
                    .setName("private").setRequiredPeerCount(1).setMaximumPeerCount(2).setBlockToLive(0).setMemberOnlyRead(true)))
            .build();

    private static final ChaincodeDefinition FULL = new ChaincodeDefinition("asset", "2.1", 3, "escc", "vscc",
            new EndorsementPolicy.Signature("AND('Org1MSP.peer', 'Org2MSP.peer')"), Optional.of(COLLECTIONS), false);

    @Test
    void everyRequestSurvivesARoundTrip() {
        List<LifecycleRequest> requests = List.of(
                new LifecycleRequest.InstallChaincode(ByteString.copyFromUtf8("package bytes")),
                new LifecycleRequest.QueryInstalledChaincodes(),
                new LifecycleRequest.QueryInstalledChaincode("asset_2.1:abcd"),
                new LifecycleRequest.ApproveForMyOrg(FULL, Optional.of("asset_2.1:abcd")),
                new LifecycleRequest.ApproveForMyOrg(FULL, Optional.empty()),
                new LifecycleRequest.CheckCommitReadiness(FULL),
                new LifecycleRequest.CommitDefinition(FULL.withPolicy(new EndorsementPolicy.ChannelReference("/Channel/Application/Writers"))),
                new LifecycleRequest.QueryCommittedDefinition("asset"),
                new LifecycleRequest.QueryCommittedDefinitions());

        for (LifecycleRequest request : requests) {
            assertEquals(request, LifecycleRequest.parse(request.args()), request.function());
        }
    }

    @Test
    void definitionFieldsLandInEachMessagesOwnFields() throws Exception {
        CheckCommitReadinessArgs readiness = CheckCommitReadinessArgs.parseFrom(new LifecycleRequest.CheckCommitReadiness(FULL).argument());
        ApproveChaincodeDefinitionForMyOrgArgs unavailable = ApproveChaincodeDefinitionForMyOrgArgs.parseFrom(
                new LifecycleRequest.ApproveForMyOrg(FULL, Optional.empty()).argument());

        assertEquals(3, readiness.getSequence());
        assertEquals("2.1", readiness.getVersion());
        assertEquals("escc", readiness.getEndorsementPlugin());
        assertEquals(COLLECTIONS, readiness.getCollections());
        assertEquals(2, org.hyperledger.fabric.protos.peer.ApplicationPolicy.parseFrom(readiness.getValidationParameter())
                .getSignaturePolicy().getRule().getNOutOf().getN());
        assertTrue(readiness.getUnknownFields().asMap().isEmpty());
        assertTrue(unavailable.getSource().hasUnavailable());
        assertEquals("asset", unavailable.getName());
    }

    @Test
    void rejectsArgumentsThatAreNotALifecycleCall() {
        ByteString function = ByteString.copyFromUtf8("CommitChaincodeDefinition");
        assertThrows(LifecycleMessageException.class, () -> LifecycleRequest.parse(List.of(function)));
        assertThrows(LifecycleMessageException.class,
                () -> LifecycleRequest.parse(List.of(ByteString.copyFromUtf8("Upgrade"), ByteString.EMPTY)));
        assertThrows(LifecycleMessageException.class,
                () -> LifecycleRequest.parse(List.of(function, ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))));
        // An empty argument decodes to a definition without name: not a definition at all.
        assertThrows(LifecycleMessageException.class, () -> LifecycleRequest.parse(List.of(function, ByteString.EMPTY)));
    }

    @Test
    void rejectsDefinitionsFabricWouldRefuse() {
        assertThrows(LifecycleMessageException.class, () -> ChaincodeDefinition.of("asset", "1.0", 0, false));
        assertThrows(LifecycleMessageException.class, () -> ChaincodeDefinition.of("", "1.0", 1, false));
        assertThrows(LifecycleMessageException.class, () -> ChaincodeDefinition.of("asset", "", 1, false));
        assertThrows(LifecycleMessageException.class, () -> EndorsementPolicy.fromValidationParameter(ByteString.copyFromUtf8("\u0001")));
        assertThrows(io.baas.fabric.policy.PolicyException.class,
                () -> new EndorsementPolicy.Signature("AND('Org1MSP.boss')").toValidationParameter());
    }
}
