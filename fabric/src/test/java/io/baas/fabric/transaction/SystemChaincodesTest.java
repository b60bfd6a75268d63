package io.baas.fabric.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.lifecycle.LifecycleProposals;
import io.baas.fabric.lifecycle.LifecycleRequest;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.junit.jupiter.api.Test;

/** System chaincode proposals in the shape the peer CLI gives them (internal/peer/channel, internal/peer/lifecycle). */
class SystemChaincodesTest {

    private static final FabricIdentity ADMIN = Fixtures.signer("org1.example.com", "Admin", "Org1MSP").identity();
    private static final ByteString NONCE = ByteString.copyFromUtf8("0123456789abcdef01234567");

    private static ChannelHeader channelHeader(ChaincodeProposal proposal) throws Exception {
        return ChannelHeader.parseFrom(proposal.header().getChannelHeader());
    }

    private static ChaincodeSpec spec(ChaincodeProposal proposal) throws Exception {
        return ChaincodeInvocationSpec.parseFrom(ChaincodeProposalPayload.parseFrom(proposal.proposal().getPayload()).getInput())
                .getChaincodeSpec();
    }

    private static ChaincodeProposal propose(ProposalRequest request) {
        return Proposals.create(request, ADMIN, NONCE, Instant.parse("2026-11-23T19:23:00.123456789Z"));
    }

    @Test
    void joinIsAConfigProposalToCsccWithoutChannel() throws Exception {
        ByteString genesis = ByteString.copyFrom(Fixtures.bytes("config/mychannel-genesis.block"));
        ChaincodeProposal join = propose(SystemChaincodes.joinChannel(genesis));

        assertThat(channelHeader(join).getType()).isEqualTo(HeaderType.CONFIG_VALUE);
        assertThat(channelHeader(join).getChannelId()).isEmpty();
        assertThat(ChaincodeHeaderExtension.parseFrom(channelHeader(join).getExtension()).getChaincodeId().getName()).isEqualTo("cscc");
        assertThat(spec(join).getType()).isEqualTo(ChaincodeSpec.Type.GOLANG);
        assertThat(spec(join).getInput().getArgsList()).containsExactly(ByteString.copyFromUtf8("JoinChain"), genesis);
        assertThat(join.txId()).isEqualTo(TransactionIds.compute(NONCE, ADMIN.serialized()));
    }

    @Test
    void installIsPeerScopedAndApprovalIsOnTheChannel() throws Exception {
        ByteString pkg = ByteString.copyFrom(Fixtures.bytes("chaincode/simple.tar.gz"));
        ChaincodeProposal install = propose(LifecycleProposals.onPeer(new LifecycleRequest.InstallChaincode(pkg)));
        ChaincodeProposal committed = propose(LifecycleProposals.onChannel("mychannel", new LifecycleRequest.QueryCommittedDefinitions()));

        assertThat(channelHeader(install).getChannelId()).isEmpty();
        assertThat(spec(install).getType()).isEqualTo(ChaincodeSpec.Type.UNDEFINED);
        assertThat(spec(install).getChaincodeId().getName()).isEqualTo("_lifecycle");
        assertThat(spec(install).getInput().getArgsList()).isEqualTo(new LifecycleRequest.InstallChaincode(pkg).args());
        assertThat(channelHeader(committed).getChannelId()).isEqualTo("mychannel");
        assertThat(channelHeader(committed).getType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION_VALUE);
        assertThatThrownBy(() -> LifecycleProposals.onChannel("", new LifecycleRequest.QueryCommittedDefinitions()))
                .isInstanceOf(TransactionException.class);
    }

    @Test
    void qsccQueriesNameTheChannelInTheirArguments() throws Exception {
        ChaincodeProposal block = propose(SystemChaincodes.blockByNumber("mychannel", 11));
        ChaincodeProposal info = propose(SystemChaincodes.chainInfo("mychannel"));

        assertThat(channelHeader(block).getChannelId()).isEmpty();
        assertThat(spec(block).getChaincodeId().getName()).isEqualTo("qscc");
        assertThat(spec(block).getInput().getArgsList()).extracting(ByteString::toStringUtf8)
                .containsExactly("GetBlockByNumber", "mychannel", "11");
        assertThat(spec(info).getInput().getArgsList()).extracting(ByteString::toStringUtf8)
                .containsExactly("GetChainInfo", "mychannel");
        assertThat(spec(propose(SystemChaincodes.joinedChannels())).getInput().getArgsList()).extracting(ByteString::toStringUtf8)
                .containsExactly("GetChannels");
    }

    @Test
    void proposalsCarryNanosecondTimestampsAndEpochZero() throws Exception {
        ChannelHeader header = channelHeader(propose(SystemChaincodes.chainInfo("mychannel")));

        assertThat(header.getTimestamp().getNanos()).isEqualTo(123456789);
        assertThat(header.getEpoch()).isZero();
        assertThat(header.getVersion()).isZero();
        assertThatThrownBy(() -> Proposals.create(SystemChaincodes.chainInfo("mychannel"), ADMIN, ByteString.EMPTY, Instant.EPOCH))
                .isInstanceOf(TransactionException.class);
    }
}
