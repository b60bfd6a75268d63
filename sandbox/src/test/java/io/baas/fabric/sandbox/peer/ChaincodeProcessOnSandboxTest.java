package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.fabric.sandbox.SandboxNetworkExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaincode the peers must not run in their JVM (uploaded code) served by a process of its own: the
 * notarization jar staged only for chaincode processes, so the peers start it with {@code java -jar}
 * as a CCaaS server and speak Fabric's chaincode protocol to it (state reads and writes, an event,
 * a chaincode error) for the whole flow.
 */
class ChaincodeProcessOnSandboxTest extends NotarizationOnSandboxFlow {

    @RegisterExtension
    final SandboxNetworkExtension sandbox = SandboxNetworkExtension.withBatch(SandboxNetworkExtension.ONE_PER_BLOCK, Duration.ofSeconds(2))
            .withChaincodeProcesses(processes -> processes.stage(BuiltInChaincodes.NOTARIZATION.jarName(),
                    BuiltInChaincodes.jar(BuiltInChaincodes.NOTARIZATION)));

    @Override
    SandboxNetworkExtension sandbox() {
        return sandbox;
    }

    @Test
    void aChaincodeProcessServesTheTransactionsOfBothPeers() throws Exception {
        String packageId = recordAndVerifyAnEvidence();
        assertThat(peer1.installed().get(packageId).orElseThrow().external()).isTrue();
        assertThat(peer2.installed().get(packageId).orElseThrow().external()).isTrue();
        assertThat(ProcessHandle.current().children().map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("-jar") && command.contains("notarization.jar")).count())
                .as("one java -jar process serves both peers").isEqualTo(1);
    }
}
