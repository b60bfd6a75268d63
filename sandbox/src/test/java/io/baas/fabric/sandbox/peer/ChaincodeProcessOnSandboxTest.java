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
 * a chaincode error) for the whole flow, and starts it again after it died.
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

        // The process dies: the next call starts it anew, as a Fabric peer relaunches a chaincode that died.
        ProcessHandle server = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("notarization.jar")).findFirst().orElseThrow();
        server.destroyForcibly();
        server.onExit().get();
        var verified = send(client2, network.org2Admin, invoke("notarization:VerifyEvidence", "SHA-256", DIGEST));
        assertThat(verified.getResponse().getStatus()).as(verified.getResponse().getMessage()).isEqualTo(200);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("notarization.jar")).count()).isEqualTo(1);
    }
}
