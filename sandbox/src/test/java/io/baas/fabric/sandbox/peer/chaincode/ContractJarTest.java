package io.baas.fabric.sandbox.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.endorser.UnpackedProposal;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.transaction.ChaincodeInvocation;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test chaincodes run through the contract API in their own class loaders, with the stub bridged
 * to a simulation over a world state: state, ranges, composite keys, pages, history, events,
 * transient data, identities; and two jars with the same contract name kept apart.
 */
class ContractJarTest {

    private static final SandboxNetwork NETWORK = new SandboxNetwork();
    private static final io.baas.fabric.sandbox.peer.channel.ChannelConfig CONFIG = SandboxNetwork.configOf(
            NETWORK.genesis(NETWORK.channel(io.baas.fabric.sandbox.SandboxNetworkExtension.ONE_PER_BLOCK, java.time.Duration.ofSeconds(2))));
    @TempDir
    static Path jars;
    private static ContractJar alpha;
    private static ContractJar beta;
    private final WorldState state = new WorldState();

    @BeforeAll
    static void load() {
        alpha = ContractJar.load(ChaincodeJars.build(jars, "alpha.jar", ChaincodeJars.ALPHA));
        beta = ContractJar.load(ChaincodeJars.build(jars, "beta.jar", ChaincodeJars.BETA));
    }

    @AfterAll
    static void close() {
        alpha.close();
        beta.close();
    }

    private Outcome run(ContractJar jar, Map<String, ByteString> transientData, String... args) {
        ChaincodeInvocation invocation = new ChaincodeInvocation("cc", ChaincodeSpec.Type.JAVA,
                Arrays.stream(args).map(ByteString::copyFromUtf8).toList(), false, transientData);
        UnpackedProposal proposal = UnpackedProposal.unpack(Proposals.create(ProposalRequest.invoke(SandboxNetwork.CHANNEL, invocation),
                NETWORK.org1User.identity(), SandboxNetwork.CLOCK).sign(NETWORK.org1User));
        try (TxSimulator simulator = new TxSimulator(state)) {
            ChaincodeCall call = new ChaincodeCall("cc", proposal, simulator, "Org1MSP", CONFIG, state);
            ChaincodeResult result = jar.invoke(call);
            return new Outcome(result, simulator.results(), proposal.txId());
        }
    }

    private Outcome run(ContractJar jar, String... args) {
        return run(jar, Map.of(), args);
    }

    private record Outcome(ChaincodeResult result, TxReadWriteSet rwset, String txId) {
        int status() {
            return result.response().getStatus();
        }

        String payload() {
            return result.response().getPayload().toStringUtf8();
        }

        KVRWSet kv() throws Exception {
            return KVRWSet.parseFrom(rwset.getNsRwset(0).getRwset());
        }
    }

    /** Commits the writes of an outcome at the given height, as the committer would for a valid transaction. */
    private void commit(Outcome outcome, long block) throws Exception {
        List<WorldState.Write> writes = outcome.kv().getWritesList().stream()
                .map(w -> new WorldState.Write("cc", w.getKey(), w.getIsDelete() ? Optional.empty() : Optional.of(w.getValue())))
                .toList();
        state.apply(writes, block, 0, outcome.txId(), SandboxNetwork.NOW);
    }

    @Test
    void twoJarsWithTheSameContractNameSeeOnlyTheirOwnContract() {
        assertThat(run(alpha, "who").payload()).isEqualTo("alpha");
        assertThat(run(beta, "who").payload()).isEqualTo("beta");
        assertThat(run(beta, "kv:who").payload()).isEqualTo("beta");
        Outcome missing = run(beta, "put", "a", "1");
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.result().response().getMessage()).isEqualTo("Undefined contract method called");
    }

    @Test
    void writesReadsAndEventsGoThroughTheSimulation() throws Exception {
        Outcome put = run(alpha, "put", "a", "1");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.kv().getWrites(0).getKey()).isEqualTo("a");
        assertThat(put.kv().getWrites(0).getValue().toStringUtf8()).isEqualTo("1");
        assertThat(put.result().event().orElseThrow().getEventName()).isEqualTo("put");
        assertThat(put.result().event().orElseThrow().getPayload().toStringUtf8()).isEqualTo("a");
        // Reads see committed state only.
        assertThat(run(alpha, "get", "a").payload()).isEmpty();
        commit(put, 3);
        Outcome get = run(alpha, "get", "a");
        assertThat(get.payload()).isEqualTo("1");
        assertThat(get.kv().getReads(0).getVersion().getBlockNum()).isEqualTo(3);
        Outcome del = run(alpha, "del", "a");
        assertThat(del.kv().getWrites(0).getIsDelete()).isTrue();
        commit(del, 4);
        assertThat(run(alpha, "history", "a").payload()).isEqualTo(del.txId() + ":deleted," + put.txId() + ":1");
    }

    @Test
    void rangesCompositeKeysAndPages() throws Exception {
        long block = 3;
        for (String key : List.of("k1", "k2", "k3", "k4")) {
            commit(run(alpha, "put", key, "v" + key), block++);
        }
        commit(run(alpha, "putComposite", "owner", "alice", "car", "red"), block++);
        commit(run(alpha, "putComposite", "owner", "alice", "bike", "blue"), block++);
        commit(run(alpha, "putComposite", "owner", "bob", "car", "green"), block++);

        // Simple-key ranges never return composite keys.
        assertThat(run(alpha, "range", "", "").payload()).isEqualTo("k1=vk1,k2=vk2,k3=vk3,k4=vk4");
        Outcome range = run(alpha, "range", "k2", "k4");
        assertThat(range.payload()).isEqualTo("k2=vk2,k3=vk3");
        assertThat(range.kv().getRangeQueriesInfo(0).getItrExhausted()).isTrue();
        assertThat(run(alpha, "partial", "owner", "alice").payload()).isEqualTo("owner[alice, bike]=blue,owner[alice, car]=red");
        assertThat(run(alpha, "page", "", "", "3", "").payload()).isEqualTo("k1,k2,k3|3|k4");
        assertThat(run(alpha, "page", "", "", "3", "k4").payload()).isEqualTo("k4|1|");
        Outcome refused = run(alpha, "pageThenWrite");
        assertThat(refused.status()).isEqualTo(500);
        // The Java shim turns the peer's refusal into its own generic error; the refused write is not in the results.
        assertThat(refused.result().response().getMessage())
                .isEqualTo(String.format("[%-8.8s]Unsuccessful response received.", refused.txId()));
        assertThat(refused.kv().getWritesList()).isEmpty();
        assertThat(refused.kv().getRangeQueriesInfoCount()).isEqualTo(1);
    }

    @Test
    void identityTimestampTransientDataAndErrors() {
        String[] who = run(alpha, "whoami").payload().split("\\|");
        assertThat(who[0]).isEqualTo("Org1MSP");
        assertThat(who[1]).isEqualTo("Org1MSP");
        assertThat(Long.parseLong(who[2])).isEqualTo(SandboxNetwork.NOW.toEpochMilli());
        assertThat(who[3]).isEqualTo(SandboxNetwork.CHANNEL);
        assertThat(who[4]).hasSize(64);
        assertThat(Integer.parseInt(who[5])).isPositive();
        assertThat(run(alpha, Map.of("secret", ByteString.copyFromUtf8("s3cret")), "secret").payload()).isEqualTo("s3cret");
        Outcome failed = run(alpha, "fail");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.result().response().getMessage()).isEqualTo("refused on purpose");
        assertThat(failed.payload()).isEqualTo("details");
    }
}
