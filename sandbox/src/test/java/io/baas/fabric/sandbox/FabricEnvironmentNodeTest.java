package io.baas.fabric.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the launcher refuses before a node starts: the messages name the setting at fault. */
class FabricEnvironmentNodeTest {

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void anUnknownCommandIsRefused() {
        assertThatThrownBy(() -> FabricEnvironmentNode.start(new String[] {"peer", "channel", "list"}, Map.of(), out))
                .isInstanceOf(SandboxException.class).hasMessageContaining("expected 'peer node start' or 'orderer'");
    }

    @Test
    void aMissingSettingIsNamed() {
        assertThatThrownBy(() -> FabricEnvironmentNode.start(new String[] {"peer", "node", "start"}, Map.of(), out))
                .isInstanceOf(SandboxException.class).hasMessageContaining("CORE_PEER_LOCALMSPID is not set");
        assertThatThrownBy(() -> FabricEnvironmentNode.start(new String[] {"orderer"},
                Map.of("ORDERER_GENERAL_LOCALMSPID", "OrdererMSP", "ORDERER_GENERAL_LOCALMSPDIR", "/nowhere",
                        "ORDERER_GENERAL_LISTENADDRESS", "127.0.0.1", "ORDERER_GENERAL_LISTENPORT", "seven"), out))
                .isInstanceOf(SandboxException.class).hasMessageContaining("ORDERER_GENERAL_LISTENPORT is not a number");
    }

    @Test
    void anAddressWithoutAPortIsRefused() {
        assertThatThrownBy(() -> FabricEnvironmentNode.start(new String[] {"peer", "node", "start"},
                Map.of("CORE_PEER_LOCALMSPID", "Org1MSP", "CORE_PEER_MSPCONFIGPATH", "/nowhere", "CORE_PEER_LISTENADDRESS", "127.0.0.1"), out))
                .isInstanceOf(SandboxException.class).hasMessageContaining("CORE_PEER_LISTENADDRESS=127.0.0.1 is not host:port");
    }
}
