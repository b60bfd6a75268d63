package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.fabric.sandbox.SandboxNetworkExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shipped notarization jar run in-process by the peers (issue 9's "the same jar runs both ways"). */
class BuiltInChaincodesOnSandboxTest extends NotarizationOnSandboxFlow {

    @RegisterExtension
    final SandboxNetworkExtension sandbox = SandboxNetworkExtension.withBatch(SandboxNetworkExtension.ONE_PER_BLOCK, Duration.ofSeconds(2))
            .withChaincodeJars(BuiltInChaincodes::writeJars);

    @Override
    SandboxNetworkExtension sandbox() {
        return sandbox;
    }

    @Test
    void theShippedNotarizationPackageRecordsAndVerifiesAnEvidence() throws Exception {
        String packageId = recordAndVerifyAnEvidence();
        assertThat(peer1.installed().get(packageId).orElseThrow().external()).isFalse();
    }
}
