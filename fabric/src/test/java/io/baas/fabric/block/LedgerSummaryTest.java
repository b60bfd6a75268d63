package io.baas.fabric.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.fabric.Fixtures;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The ledger-wide parts of facts.json: transaction summary, invalid transactions, final state. */
class LedgerSummaryTest {

    private final List<BlockTx> located = LongStream.range(0, 12)
            .mapToObj(n -> BlockDecoder.decode(Fixtures.block(n)))
            .flatMap(block -> block.transactions().stream().map(tx -> new BlockTx(block.number(), tx)))
            .toList();

    record BlockTx(long block, DecodedTransaction tx) {
    }

    @Test
    void transactionSummaryMatches() {
        assertEquals(summaries(Fixtures.facts().get("transactions_summary")), summarize(located));
    }

    @Test
    void invalidTransactionsAreTheOnesThePeerMarked() {
        List<BlockTx> invalid = located.stream().filter(entry -> !entry.tx().valid()).toList();

        assertEquals(summaries(Fixtures.facts().get("invalid_transactions")), summarize(invalid));
    }

    @Test
    void replayingValidWritesGivesTheFinalWorldState() {
        Map<String, String> state = new HashMap<>();
        located.stream()
                .map(BlockTx::tx)
                .filter(DecodedTransaction::valid)
                .flatMap(tx -> tx.actions().stream())
                .flatMap(action -> action.readWriteSets().stream())
                .filter(set -> set.namespace().equals("simple"))
                .flatMap(set -> set.writes().stream())
                .forEach(write -> state.put(write.key(), write.value().toStringUtf8()));

        JsonNode expected = Fixtures.facts().get("final_state_simple");
        assertEquals(expected.get("a").asText(), state.get("a"));
        assertEquals(expected.get("b").asText(), state.get("b"));
    }

    private static List<Map<String, Object>> summarize(List<BlockTx> located) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BlockTx entry : located) {
            DecodedTransaction tx = entry.tx();
            Optional<TransactionAction> action = tx.actions().stream().findFirst();
            Map<String, Object> row = new HashMap<>();
            row.put("block", entry.block());
            row.put("tx_index", (long) tx.index());
            row.put("tx_id", tx.txId());
            row.put("type", tx.type().name());
            row.put("creator_mspid", tx.creator().map(FabricIdentity::mspId).orElse(null));
            row.put("creator_cn", tx.creator().map(FabricIdentity::commonName).orElse(null));
            row.put("chaincode", action.map(a -> a.call().chaincode()).orElse(null));
            row.put("function", action.flatMap(a -> a.call().function()).orElse(null));
            row.put("endorsers", action.map(a -> a.endorsements().stream().map(SignedData::signer).map(FabricIdentity::mspId).toList())
                    .orElse(null));
            row.put("validation_code", (long) tx.validationCode().getNumber());
            row.put("validation_code_name", tx.validationCode().name());
            rows.add(row);
        }
        return rows;
    }

    /** The same keys from facts.json (args are compared in BlockFixtureTest, byte for byte). */
    private static List<Map<String, Object>> summaries(JsonNode array) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode node : array) {
            Map<String, Object> row = new HashMap<>();
            for (String key : List.of("tx_id", "type", "creator_mspid", "creator_cn", "chaincode", "function", "validation_code_name")) {
                row.put(key, node.get(key).isNull() ? null : node.get(key).asText());
            }
            for (String key : List.of("block", "tx_index", "validation_code")) {
                row.put(key, node.get(key).asLong());
            }
            List<String> endorsers = null;
            if (!node.get("endorsers").isNull()) {
                endorsers = new ArrayList<>();
                for (JsonNode endorser : node.get("endorsers")) {
                    endorsers.add(endorser.asText());
                }
            }
            row.put("endorsers", endorsers);
            rows.add(row);
        }
        return rows;
    }
}
