package io.baas.fabric.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.transaction.TransactionIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture block, decoded and compared field by field with facts.json. */
class BlockFixtureTest {

    static Stream<JsonNode> blocks() {
        List<JsonNode> blocks = new ArrayList<>();
        Fixtures.facts().get("blocks").forEach(blocks::add);
        assertEquals(12, blocks.size());
        return blocks.stream();
    }

    @ParameterizedTest(name = "block {index}")
    @MethodSource("blocks")
    void headerAndHashesMatchFacts(JsonNode facts) {
        DecodedBlock block = BlockDecoder.decode(Fixtures.bytes(facts.get("file").asText()));
        JsonNode header = facts.get("header");

        assertEquals(facts.get("number").asLong(), block.number());
        assertEquals(header.get("previous_hash_hex").asText(), hex(block.previousHash()));
        assertEquals(header.get("data_hash_hex").asText(), hex(block.dataHash()));
        assertEquals(header.get("header_hash_hex").asText(), hex(block.headerHash()));
        assertEquals(facts.get("data_hash_verified").asBoolean(), block.dataHashMatches());
        assertEquals(facts.get("tx_count").asInt(), block.transactions().size());
    }

    @ParameterizedTest(name = "block {index}")
    @MethodSource("blocks")
    void metadataMatchesFacts(JsonNode facts) {
        DecodedMetadata metadata = BlockDecoder.decode(Fixtures.bytes(facts.get("file").asText())).metadata();
        JsonNode expected = facts.get("metadata");
        JsonNode signatures = expected.get("SIGNATURES");
        JsonNode ordererMetadata = signatures.get("orderer_block_metadata");

        assertEquals(ordererMetadata.get("last_config_index").asLong(), metadata.lastConfigIndex());
        if (!expected.get("LAST_CONFIG").isNull()) {
            assertEquals(expected.get("LAST_CONFIG").get("index").asLong(), metadata.lastConfigIndex());
        }
        JsonNode consenter = ordererMetadata.get("consenter_metadata");
        if (consenter == null) {
            assertTrue(metadata.raft().isEmpty());
        } else {
            RaftBlockMetadata raft = metadata.raft().orElseThrow();
            assertEquals(longs(consenter.get("consenter_ids")), raft.consenterIds());
            assertEquals(consenter.get("next_consenter_id").asLong(), raft.nextConsenterId());
            assertEquals(consenter.get("raft_index").asLong(), raft.raftIndex());
        }
        assertEquals(signatures.get("signatures").size(), metadata.ordererSignatures().size());
        for (int i = 0; i < metadata.ordererSignatures().size(); i++) {
            JsonNode signature = signatures.get("signatures").get(i);
            SignedData actual = metadata.ordererSignatures().get(i);
            assertSigner(signature.get("signer_mspid").asText(), signature.get("subject_cn").asText(),
                    signature.get("node_ou").asText(), actual.signer());
            assertEquals(signature.get("signature_b64").asText(), b64(actual.signature()));
            assertEquals(signature.get("signature_verified").asBoolean(), actual.verify());
        }
        List<Integer> codes = new ArrayList<>();
        expected.get("TRANSACTIONS_FILTER").get("codes").forEach(code -> codes.add(code.asInt()));
        assertEquals(codes, metadata.validationCodes().stream().map(code -> code.getNumber()).toList());
        List<String> names = new ArrayList<>();
        expected.get("TRANSACTIONS_FILTER").get("names").forEach(name -> names.add(name.asText()));
        assertEquals(names, metadata.validationCodes().stream().map(Enum::name).toList());
        JsonNode commitHash = expected.get("COMMIT_HASH");
        assertEquals(commitHash.isNull() ? Optional.empty() : Optional.of(commitHash.get("hex").asText()),
                metadata.commitHash().map(BlockFixtureTest::hex));
    }

    @ParameterizedTest(name = "block {index}")
    @MethodSource("blocks")
    void transactionsMatchFacts(JsonNode facts) {
        DecodedBlock block = BlockDecoder.decode(Fixtures.bytes(facts.get("file").asText()));
        for (JsonNode expected : facts.get("transactions")) {
            DecodedTransaction tx = block.transactions().get(expected.get("index").asInt());
            String where = "block " + block.number() + " tx " + tx.index();

            assertEquals(expected.get("tx_id").asText(), tx.txId(), where);
            assertEquals(expected.get("type").asText(), tx.type().name(), where);
            assertEquals(expected.get("type_code").asInt(), tx.type().getNumber(), where);
            assertEquals(expected.get("channel_header_version").asInt(), tx.channelHeaderVersion(), where);
            assertEquals(expected.get("channel_id").asText(), tx.channelId(), where);
            assertEquals(Instant.parse(expected.get("timestamp").asText()), tx.timestamp(), where);
            assertEquals(expected.get("timestamp_seconds").asLong(), tx.timestamp().getEpochSecond(), where);
            assertEquals(expected.get("timestamp_nanos").asInt(), tx.timestamp().getNano(), where);
            assertEquals(expected.get("nonce_b64").asText(), b64(tx.nonce()), where);
            assertEquals(expected.get("validation_code").asInt(), tx.validationCode().getNumber(), where);
            assertEquals(expected.get("validation_code_name").asText(), tx.validationCode().name(), where);
            assertEquals(expected.get("validation_code").asInt() == 0, tx.valid(), where);
            assertCreator(expected, tx, where);
            assertActions(expected, tx, where);
            assertConfig(expected, tx, where);
        }
    }

    private static void assertCreator(JsonNode expected, DecodedTransaction tx, String where) {
        if (expected.get("creator").isNull()) {
            assertTrue(tx.creator().isEmpty(), where);
            assertTrue(tx.envelopeSignature().isEmpty(), where);
            assertFalse(expected.get("envelope_signature_present").asBoolean(), where);
            return;
        }
        FabricIdentity creator = tx.creator().orElseThrow();
        assertSigner(expected.get("creator_mspid").asText(), expected.get("creator").get("subject_cn").asText(),
                expected.get("creator").get("node_ou").asText(), creator);
        assertEquals(expected.get("envelope_signature_verified").asBoolean(), tx.envelopeSignature().orElseThrow().verify(), where);
        if (expected.has("tx_id_recomputed_matches")) {
            assertEquals(expected.get("tx_id_recomputed_matches").asBoolean(),
                    TransactionIds.compute(tx.nonce(), creator.serialized()).equals(tx.txId()), where);
        }
    }

    private static void assertActions(JsonNode expected, DecodedTransaction tx, String where) {
        if (!expected.has("actions")) {
            assertTrue(tx.actions().isEmpty(), where);
            return;
        }
        assertEquals(expected.get("actions").asInt(), tx.actions().size(), where);
        TransactionAction action = tx.actions().get(0);
        ChaincodeCall call = action.call();
        assertEquals(expected.get("chaincode").asText(), call.chaincode(), where);
        assertEquals(expected.get("chaincode_spec_type").asText(), call.specType().name(), where);
        assertEquals(expected.get("is_init").asBoolean(), call.init(), where);
        assertEquals(Optional.of(expected.get("function").asText()), call.function(), where);
        List<ByteString> args = new ArrayList<>();
        expected.get("args").forEach(arg -> args.add(argument(arg.asText())));
        assertEquals(args, call.args(), where);

        JsonNode responseId = expected.get("chaincode_id_in_response");
        JsonNode response = expected.get("response");
        assertEquals(responseId.get("name").asText(), action.response().chaincode(), where);
        assertEquals(responseId.get("version").asText(), action.response().chaincodeVersion(), where);
        assertEquals(response.get("status").asInt(), action.response().status(), where);
        assertEquals(response.get("message").asText(), action.response().message(), where);
        assertEquals(response.get("payload_b64").isNull() ? "" : response.get("payload_b64").asText(),
                b64(action.response().payload()), where);

        assertEvent(expected.get("chaincode_event"), action.event(), where);
        assertReadWriteSets(expected.get("rwset"), action.readWriteSets(), where);

        JsonNode endorsements = expected.get("endorsements");
        assertEquals(endorsements.size(), action.endorsements().size(), where);
        for (int i = 0; i < endorsements.size(); i++) {
            JsonNode endorsement = endorsements.get(i);
            SignedData actual = action.endorsements().get(i);
            assertSigner(endorsement.get("mspid").asText(), endorsement.get("subject_cn").asText(),
                    endorsement.get("node_ou").asText(), actual.signer());
            assertEquals(endorsement.get("signature_verified").asBoolean(), actual.verify(), where);
        }
    }

    private static void assertEvent(JsonNode expected, Optional<ChaincodeEventData> event, String where) {
        if (expected.isNull()) {
            assertTrue(event.isEmpty(), where);
            return;
        }
        ChaincodeEventData actual = event.orElseThrow();
        assertEquals(expected.get("chaincode_id").asText(), actual.chaincode(), where);
        assertEquals(expected.get("event_name").asText(), actual.eventName(), where);
        assertEquals(expected.get("tx_id").asText(), actual.txId(), where);
        assertEquals(expected.get("payload_b64").asText(), b64(actual.payload()), where);
        assertEquals(expected.get("payload_text").asText(), actual.payload().toStringUtf8(), where);
    }

    private static void assertReadWriteSets(JsonNode expected, List<NamespaceReadWriteSet> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int n = 0; n < expected.size(); n++) {
            JsonNode ns = expected.get(n);
            NamespaceReadWriteSet set = actual.get(n);
            String at = where + " ns " + set.namespace();
            assertEquals(ns.get("namespace").asText(), set.namespace(), at);
            assertEquals(ns.get("range_queries").asInt(), set.rangeQueryCount(), at);
            assertEquals(ns.get("metadata_writes").asInt(), set.metadataWriteCount(), at);

            assertEquals(ns.get("reads").size(), set.reads().size(), at);
            for (int i = 0; i < set.reads().size(); i++) {
                JsonNode read = ns.get("reads").get(i);
                assertEquals(read.get("key_hex").asText(), hex(set.reads().get(i).key().getBytes(StandardCharsets.UTF_8)), at);
                assertEquals(version(read.get("version")), set.reads().get(i).version(), at);
            }
            assertEquals(ns.get("writes").size(), set.writes().size(), at);
            for (int i = 0; i < set.writes().size(); i++) {
                JsonNode write = ns.get("writes").get(i);
                KeyWrite actualWrite = set.writes().get(i);
                assertEquals(write.get("key_hex").asText(), hex(actualWrite.key().getBytes(StandardCharsets.UTF_8)), at);
                assertEquals(write.get("is_delete").asBoolean(), actualWrite.delete(), at);
                assertEquals(write.get("value_b64").asText(), b64(actualWrite.value()), at);
                if (!write.get("value_text").isNull()) {
                    assertEquals(write.get("value_text").asText(), actualWrite.value().toStringUtf8(), at);
                }
            }
            assertCollections(ns.get("collection_hashed_rwsets"), set.collections(), at);
        }
    }

    private static void assertCollections(JsonNode expected, List<CollectionHashes> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int c = 0; c < expected.size(); c++) {
            JsonNode collection = expected.get(c);
            CollectionHashes hashes = actual.get(c);
            assertEquals(collection.get("collection_name").asText(), hashes.collection(), where);
            JsonNode pvtHash = collection.get("pvt_rwset_hash_b64");
            assertEquals(pvtHash.isNull() ? "" : pvtHash.asText(), b64(hashes.privateReadWriteSetHash()), where);
            assertEquals(collection.get("hashed_reads").size(), hashes.reads().size(), where);
            for (int i = 0; i < hashes.reads().size(); i++) {
                JsonNode read = collection.get("hashed_reads").get(i);
                assertEquals(read.get("key_hash_hex").asText(), hex(hashes.reads().get(i).keyHash()), where);
                assertEquals(version(read.get("version")), hashes.reads().get(i).version(), where);
            }
            assertEquals(collection.get("hashed_writes").size(), hashes.writes().size(), where);
            for (int i = 0; i < hashes.writes().size(); i++) {
                JsonNode write = collection.get("hashed_writes").get(i);
                assertEquals(write.get("key_hash_hex").asText(), hex(hashes.writes().get(i).keyHash()), where);
                assertEquals(write.get("is_delete").asBoolean(), hashes.writes().get(i).delete(), where);
                assertEquals(write.get("value_hash_hex").asText(), hex(hashes.writes().get(i).valueHash()), where);
            }
        }
    }

    private static void assertConfig(JsonNode expected, DecodedTransaction tx, String where) {
        if (!expected.has("config_sequence")) {
            assertTrue(tx.config().isEmpty(), where);
            return;
        }
        ConfigTransaction config = tx.config().orElseThrow();
        assertEquals(expected.get("config_sequence").asLong(), config.sequence(), where);
        JsonNode lastUpdate = expected.get("last_update");
        if (lastUpdate.isNull()) {
            assertTrue(config.lastUpdate().isEmpty(), where);
            return;
        }
        ConfigUpdateTransaction update = config.lastUpdate().orElseThrow();
        assertSigner(lastUpdate.get("creator_mspid").asText(), lastUpdate.get("creator").get("subject_cn").asText(),
                lastUpdate.get("creator").get("node_ou").asText(), update.envelopeSignature().signer());
        assertEquals(lastUpdate.get("envelope_signature_verified").asBoolean(), update.envelopeSignature().verify(), where);
        assertEquals(tx.channelId(), update.update().getChannelId(), where);
        JsonNode signatures = lastUpdate.get("config_signatures");
        assertEquals(signatures.size(), update.configSignatures().size(), where);
        for (int i = 0; i < signatures.size(); i++) {
            JsonNode signature = signatures.get(i);
            SignedData actual = update.configSignatures().get(i);
            assertEquals(lastUpdate.get("config_signatures_mspids").get(i).asText(), actual.signer().mspId(), where);
            assertSigner(signature.get("mspid").asText(), signature.get("subject_cn").asText(),
                    signature.get("node_ou").asText(), actual.signer());
            assertEquals(signature.get("signature_verified").asBoolean(), actual.verify(), where);
        }
    }

    static void assertSigner(String mspId, String commonName, String nodeOu, FabricIdentity identity) {
        assertEquals(mspId, identity.mspId());
        assertEquals(commonName, identity.commonName());
        assertEquals(nodeOu, identity.role().orElseThrow().toString());
    }

    /** facts.json writes printable arguments as text and the others as "base64:...". */
    private static ByteString argument(String text) {
        return text.startsWith("base64:")
                ? ByteString.copyFrom(Base64.getDecoder().decode(text.substring("base64:".length())))
                : ByteString.copyFromUtf8(text);
    }

    private static Optional<KeyVersion> version(JsonNode version) {
        return version.isNull()
                ? Optional.empty()
                : Optional.of(new KeyVersion(version.get("block_num").asLong(), version.get("tx_num").asLong()));
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asLong()));
        return values;
    }

    static String hex(ByteString bytes) {
        return hex(bytes.toByteArray());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String b64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
