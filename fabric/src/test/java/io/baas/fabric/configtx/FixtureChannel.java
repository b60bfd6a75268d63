package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import java.util.List;
import org.hyperledger.fabric.protos.common.Config;

/** The fixture's configtx.yaml profile TwoOrgsApplicationGenesis, written as a description. */
final class FixtureChannel {

    static final String CRYPTO = "crypto/crypto-config/";
    static final String ORDERER_TLS = CRYPTO + "ordererOrganizations/example.com/orderers/orderer.example.com/tls/server.crt";

    private FixtureChannel() {
    }

    static MspDescription msp(String folder, String mspId) {
        return MspFolder.load(Fixtures.path(CRYPTO + folder + "/msp"), mspId);
    }

    static ChannelDescription description() {
        ByteString ordererTls = ByteString.copyFrom(Fixtures.bytes(ORDERER_TLS));
        OrdererSection orderer = OrdererSection.of(
                List.of(OrdererOrganization.of("OrdererOrg", msp("ordererOrganizations/example.com", "OrdererMSP"),
                        List.of("127.0.0.1:7050"))),
                List.of(new Consenter(new HostPort("127.0.0.1", 7050), ordererTls, ordererTls)));
        ApplicationSection application = ApplicationSection.of(List.of(
                ApplicationOrganization.of(msp("peerOrganizations/org1.example.com", "Org1MSP")),
                ApplicationOrganization.of(msp("peerOrganizations/org2.example.com", "Org2MSP"))));
        return ChannelDescription.of("mychannel", orderer, application);
    }

    /** The config committed by block n (0: genesis, 1 and 2: after the anchor-peer updates). */
    static Config config(int block) {
        return BlockDecoder.decode(Fixtures.block(block)).transactions().get(0).config().orElseThrow().config();
    }
}
