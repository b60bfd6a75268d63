package io.baas.fabric.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.ChaincodeCall;
import java.util.Base64;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.junit.jupiter.api.Test;

/** The _lifecycle transactions of fixture blocks 3 to 5, decoded and rebuilt from their values. */
class LifecycleFixtureTest {

    private static final String PACKAGE_ID = "simple_1.0:94b7c6b5c82d5ed599702c56da88afe665360bd7038964a4caca678430128e9d";

    private static ChaincodeCall call(int block) {
        ChaincodeCall call = BlockDecoder.decode(Fixtures.block(block)).transactions().get(0).actions().get(0).call();
        assertEquals(LifecycleRequest.CHAINCODE, call.chaincode());
        return call;
    }

    private static JsonNode decodedInFacts(int block) {
        return Fixtures.facts().get("blocks").get(block).get("transactions").get(0).get("lifecycle_args_decoded");
    }

    @Test
    void approvalsDecodeToTheDefinitionTheOrganizationsApproved() {
        for (int block : new int[] {3, 4}) {
            LifecycleRequest request = LifecycleRequest.parse(call(block).args());
            JsonNode facts = decodedInFacts(block);

            ChaincodeDefinition expected = new ChaincodeDefinition(facts.get("name").asText(), facts.get("version").asText(),
                    facts.get("sequence").asLong(), facts.get("endorsement_plugin").asText(), facts.get("validation_plugin").asText(),
                    new EndorsementPolicy.ChannelDefault(), Optional.empty(), facts.get("init_required").asBoolean());
            assertEquals(new LifecycleRequest.ApproveForMyOrg(expected,
                    Optional.of(facts.get("source").get("local_package").get("package_id").asText())), request);
        }
    }

    @Test
    void approvalsRebuiltFromTheirValuesEqualTheFixtureArguments() throws Exception {
        for (int block : new int[] {3, 4}) {
            LifecycleRequest rebuilt = new LifecycleRequest.ApproveForMyOrg(
                    ChaincodeDefinition.of("simple", "1.0", 1, true), Optional.of(PACKAGE_ID));
            ChaincodeCall original = call(block);

            assertEquals(ApproveChaincodeDefinitionForMyOrgArgs.parseFrom(original.args().get(1)),
                    ApproveChaincodeDefinitionForMyOrgArgs.parseFrom(rebuilt.argument()));
            assertEquals(original.args(), rebuilt.args());
        }
    }

    @Test
    void commitDecodesAndRebuilds() throws Exception {
        ChaincodeCall original = call(5);
        JsonNode facts = decodedInFacts(5);
        LifecycleRequest rebuilt = new LifecycleRequest.CommitDefinition(ChaincodeDefinition.of("simple", "1.0", 1, true));

        assertEquals(rebuilt, LifecycleRequest.parse(original.args()));
        assertEquals(facts.get("name").asText(), ((LifecycleRequest.CommitDefinition) rebuilt).definition().name());
        assertEquals(CommitChaincodeDefinitionArgs.parseFrom(original.args().get(1)),
                CommitChaincodeDefinitionArgs.parseFrom(rebuilt.argument()));
        assertEquals(original.args(), rebuilt.args());
    }

    @Test
    void theCommittedValidationParameterIsAChannelPolicyReference() {
        ByteString committed = ByteString.copyFrom(Base64.getDecoder().decode("EiAvQ2hhbm5lbC9BcHBsaWNhdGlvbi9FbmRvcnNlbWVudA=="));

        EndorsementPolicy policy = EndorsementPolicy.fromValidationParameter(committed);

        assertEquals(new EndorsementPolicy.ChannelReference("/Channel/Application/Endorsement"), policy);
        assertEquals(committed, policy.toValidationParameter());
    }
}
