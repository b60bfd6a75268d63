package io.baas.fabric.block;

import static io.baas.fabric.block.BlockFixtureTest.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static List<DecodedBlock> peerLedger() {
        return LongStream.range(0, 12).mapToObj(n -> BlockDecoder.decode(Fixtures.block(n))).toList();
    }

    @Test
    void fixtureLedgerIsAnIntactChain() {
        assertEquals(List.of(), HashChain.verify(peerLedger()));
    }

    @Test
    void lastBlockHashesAreWhatThePeerReportsInGetinfo() throws IOException {
        JsonNode getinfo = new ObjectMapper().readTree(Fixtures.text("blocks/getinfo-peer0.org1.json"));
        List<DecodedBlock> ledger = peerLedger();

        assertEquals(getinfo.get("height").asInt(), ledger.size());
        assertEquals(getinfo.get("currentBlockHash").asText(), b64(ledger.get(11).headerHash()));
        assertEquals(getinfo.get("previousBlockHash").asText(), b64(ledger.get(10).headerHash()));
        assertEquals(Fixtures.facts().get("hash_chain").get("last_header_hash_b64").asText(), b64(ledger.get(11).headerHash()));
    }

    @Test
    void ordererCopiesHaveTheSameHeadersButNoPeerMetadata() {
        for (long n = 0; n < 12; n++) {
            DecodedBlock peer = BlockDecoder.decode(Fixtures.block(n));
            DecodedBlock orderer = BlockDecoder.decode(Fixtures.bytes("blocks-orderer/mychannel-" + n + ".block"));

            assertEquals(peer.headerHash(), orderer.headerHash());
            assertTrue(orderer.dataHashMatches());
            assertEquals(List.of(), orderer.metadata().validationCodes());
            assertTrue(orderer.metadata().commitHash().isEmpty());
            assertTrue(orderer.transactions().stream().allMatch(tx -> tx.validationCode().name().equals("NOT_VALIDATED")));
            assertEquals(peer.metadata().lastConfigIndex(), orderer.metadata().lastConfigIndex());
        }
    }

    @Test
    void genesisBlockFromConfigtxgenIsTheOrderersBlockZero() {
        DecodedBlock genesis = BlockDecoder.decode(Fixtures.bytes("config/mychannel-genesis.block"));

        assertEquals(BlockDecoder.decode(Fixtures.block(0)).headerHash(), genesis.headerHash());
        assertEquals(List.of(), genesis.metadata().ordererSignatures());
    }

    @Test
    void reportsAMissingBlockAndAForeignPreviousHash() {
        List<DecodedBlock> ledger = new ArrayList<>(peerLedger());
        ledger.remove(5);
        assertEquals(List.of(new ChainBreak(6, "follows block 4")), HashChain.verify(ledger));

        DecodedBlock forged = withPreviousHash(ledger.get(7), ByteString.copyFrom(new byte[32]));
        ledger.set(7, forged);
        assertEquals(new ChainBreak(8, "previous hash is not the header hash of block 7"), HashChain.verify(ledger).get(1));
    }

    @Test
    void reportsEnvelopesThatTheHeaderDoesNotHash() throws IOException {
        // Reordering the two transactions of block 10 keeps every envelope intact but changes the data hash.
        Block block = Block.parseFrom(Fixtures.block(10));
        Block tampered = block.toBuilder().setData(block.getData().toBuilder()
                .setData(0, block.getData().getData(1))
                .setData(1, block.getData().getData(0))).build();

        DecodedBlock decoded = BlockDecoder.decode(tampered);

        assertEquals(List.of(new ChainBreak(10, "data hash does not match the envelopes")), HashChain.verify(List.of(decoded)));
    }

    private static DecodedBlock withPreviousHash(DecodedBlock block, ByteString previousHash) {
        return new DecodedBlock(block.number(), block.headerHash(), previousHash, block.dataHash(),
                block.dataHashMatches(), block.transactions(), block.metadata());
    }
}
