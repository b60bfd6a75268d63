package io.baas.fabric.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.block.KeyWrite;
import io.baas.fabric.block.NamespaceReadWriteSet;
import io.baas.fabric.block.TransactionAction;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.ChannelPolicies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Checks a notarization receipt with nothing but the receipt, the document (optional) and a block
 * the verifier trusts (optional): the document's digest; the transaction (its creator's signature
 * and identity under the channel's MSPs, a RecordEvidence of that digest that wrote the evidence);
 * its endorsements (each signature and endorsing identity); the ordering service's signatures over
 * the block header under the channel's BlockValidation policy; the transaction's inclusion in that
 * block (through the block's data hash, from the receipt's block or the trusted one). The MSPs and
 * the policy come from the receipt's channel config: a verifier who does not know the channel
 * compares its organizations' root certificates out of band.
 */
public final class ReceiptVerifier {

    public static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";
    private static final String EVIDENCE_KEY_PREFIX = "\u0000evidence\u0000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReceiptVerifier() {
    }

    public static List<ReceiptCheck> verify(EvidenceReceipt receipt, Optional<byte[]> document, Optional<Block> trustedBlock) {
        List<ReceiptCheck> checks = new ArrayList<>();
        Config config;
        BlockHeader header;
        DecodedBlock signed;
        try {
            config = Config.parseFrom(receipt.channelConfig());
            header = BlockHeader.parseFrom(receipt.blockHeader());
            signed = BlockDecoder.decode(Block.newBuilder().setHeader(header)
                    .setData(BlockData.newBuilder().addData(receipt.transaction()))
                    .setMetadata(BlockMetadata.newBuilder().addMetadata(receipt.blockSignatures())).build());
        } catch (InvalidProtocolBufferException | io.baas.fabric.FabricDataException e) {
            return List.of(ReceiptCheck.failed("receipt", "the receipt's transaction, header, signatures or config cannot be read: "
                    + e.getMessage()));
        }
        ChannelMsps msps = ChannelMsps.of(config.getChannelGroup());
        checks.add(document(receipt, document));
        checks.add(transaction(receipt, signed.transactions().get(0), msps));
        checks.add(endorsements(signed.transactions().get(0), msps));
        checks.add(ordering(receipt, header, signed.metadata().ordererSignatures(), config, msps));
        checks.add(inclusion(receipt, header, trustedBlock));
        return List.copyOf(checks);
    }

    /** Whether every check passed (skipped ones aside). */
    public static boolean holds(List<ReceiptCheck> checks) {
        return checks.stream().noneMatch(check -> check.outcome() == ReceiptCheck.Outcome.FAILED);
    }

    private static ReceiptCheck document(EvidenceReceipt receipt, Optional<byte[]> document) {
        if (document.isEmpty()) {
            return ReceiptCheck.skipped("document", "no document given: only the digest " + receipt.digest() + " is checked");
        }
        Optional<String> digest = digest(receipt.hashAlgorithm(), document.get());
        if (digest.isEmpty()) {
            return ReceiptCheck.failed("document", "unknown hash algorithm " + receipt.hashAlgorithm());
        }
        return digest.get().equals(receipt.digest())
                ? ReceiptCheck.passed("document", receipt.hashAlgorithm() + " of the document is " + digest.get())
                : ReceiptCheck.failed("document", receipt.hashAlgorithm() + " of the document is " + digest.get() + ", not the receipt's "
                + receipt.digest());
    }

    private static ReceiptCheck transaction(EvidenceReceipt receipt, DecodedTransaction tx, ChannelMsps msps) {
        String name = "transaction";
        if (tx.type() != HeaderType.ENDORSER_TRANSACTION || !tx.channelId().equals(receipt.channel()) || !tx.txId().equals(receipt.txId())) {
            return ReceiptCheck.failed(name, "the envelope is not endorser transaction " + receipt.txId() + " of channel " + receipt.channel());
        }
        if (tx.creator().isEmpty() || tx.envelopeSignature().isEmpty() || !tx.envelopeSignature().get().verify()
                || !msps.isValid(tx.creator().get())) {
            return ReceiptCheck.failed(name, "the transaction's creator signature or identity does not hold under the channel's MSPs");
        }
        if (tx.actions().size() != 1) {
            return ReceiptCheck.failed(name, "the transaction has " + tx.actions().size() + " actions, not one");
        }
        TransactionAction action = tx.actions().get(0);
        List<String> args = action.call().args().stream().map(ByteString::toStringUtf8).toList();
        boolean recordEvidence = action.call().chaincode().equals(receipt.chaincode()) && args.size() >= 3
                && (args.get(0).equals("RecordEvidence") || args.get(0).endsWith(":RecordEvidence"))
                && args.get(1).equalsIgnoreCase(receipt.hashAlgorithm()) && args.get(2).equalsIgnoreCase(receipt.digest());
        if (!recordEvidence) {
            return ReceiptCheck.failed(name, "the transaction is not " + receipt.chaincode() + " RecordEvidence of " + receipt.hashAlgorithm()
                    + ":" + receipt.digest());
        }
        if (action.response().status() != 200 || !wroteEvidence(action, receipt)) {
            return ReceiptCheck.failed(name, "the transaction did not write the evidence of " + receipt.digest());
        }
        return ReceiptCheck.passed(name, "RecordEvidence of " + receipt.hashAlgorithm() + ":" + receipt.digest() + " by "
                + tx.creator().get().mspId() + " (" + tx.creator().get().certificate().getSubjectX500Principal().getName() + ") at "
                + tx.timestamp() + ", transaction " + tx.txId());
    }

    private static boolean wroteEvidence(TransactionAction action, EvidenceReceipt receipt) {
        for (NamespaceReadWriteSet ns : action.readWriteSets()) {
            if (!ns.namespace().equals(receipt.chaincode())) {
                continue;
            }
            for (KeyWrite write : ns.writes()) {
                if (!write.delete() && write.key().startsWith(EVIDENCE_KEY_PREFIX)) {
                    try {
                        JsonNode evidence = JSON.readTree(write.value().toByteArray());
                        if (receipt.digest().equals(evidence.path("digest").asText())
                                && receipt.hashAlgorithm().equalsIgnoreCase(evidence.path("hashAlgorithm").asText())) {
                            return true;
                        }
                    } catch (java.io.IOException e) {
                        // not the evidence
                    }
                }
            }
        }
        return false;
    }

    private static ReceiptCheck endorsements(DecodedTransaction tx, ChannelMsps msps) {
        List<SignedData> endorsements = tx.actions().isEmpty() ? List.of() : tx.actions().get(0).endorsements();
        if (endorsements.isEmpty()) {
            return ReceiptCheck.failed("endorsements", "the transaction carries no endorsement");
        }
        Set<String> organizations = new java.util.TreeSet<>();
        for (SignedData endorsement : endorsements) {
            if (!endorsement.verify() || !msps.isValid(endorsement.signer())) {
                return ReceiptCheck.failed("endorsements", "an endorsement by " + endorsement.signer().mspId()
                        + " does not verify under the channel's MSPs");
            }
            organizations.add(endorsement.signer().mspId());
        }
        return ReceiptCheck.passed("endorsements", "executed and signed by peers of " + String.join(", ", organizations));
    }

    private static ReceiptCheck ordering(EvidenceReceipt receipt, BlockHeader header, List<SignedData> signatures, Config config,
                                         ChannelMsps msps) {
        if (header.getNumber() != receipt.blockNumber()) {
            return ReceiptCheck.failed("ordering", "the header is block " + header.getNumber() + ", not " + receipt.blockNumber());
        }
        boolean satisfied = new ChannelPolicies(config).policy(BLOCK_VALIDATION).evaluate(msps.verifiedSigners(signatures));
        Set<String> signers = new LinkedHashSet<>();
        signatures.forEach(signature -> signers.add(signature.signer().mspId()));
        return satisfied
                ? ReceiptCheck.passed("ordering", "block " + header.getNumber() + " signed by the ordering service (" + String.join(", ", signers)
                + ") as " + BLOCK_VALIDATION + " requires")
                : ReceiptCheck.failed("ordering", "the block's signatures do not satisfy " + BLOCK_VALIDATION);
    }

    private static ReceiptCheck inclusion(EvidenceReceipt receipt, BlockHeader header, Optional<Block> trustedBlock) {
        Optional<Block> block;
        String source;
        if (trustedBlock.isPresent()) {
            block = trustedBlock;
            source = "the block given";
        } else if (receipt.block().isPresent()) {
            try {
                block = Optional.of(Block.parseFrom(receipt.block().get()));
            } catch (InvalidProtocolBufferException e) {
                return ReceiptCheck.failed("inclusion", "the receipt's block cannot be read");
            }
            source = "the receipt's block";
        } else {
            return ReceiptCheck.skipped("inclusion", "no block: fetch block " + receipt.blockNumber() + " of channel " + receipt.channel()
                    + " from a peer you trust and give it");
        }
        Block proof = block.get();
        if (!proof.getHeader().equals(header)) {
            return ReceiptCheck.failed("inclusion", source + " is not the block whose header the ordering service signed");
        }
        if (!BlockHashes.dataHash(proof.getData()).equals(header.getDataHash())) {
            return ReceiptCheck.failed("inclusion", source + "'s transactions do not hash to the signed header's data hash");
        }
        int index = proof.getData().getDataList().indexOf(receipt.transaction());
        if (index < 0) {
            return ReceiptCheck.failed("inclusion", "the transaction is not in " + source);
        }
        List<TxValidationCode> codes = BlockDecoder.decodeMetadata(proof).validationCodes();
        if (!codes.isEmpty() && codes.get(index) != TxValidationCode.VALID) {
            return ReceiptCheck.failed("inclusion", "the peer that gave " + source + " marked the transaction " + codes.get(index));
        }
        return ReceiptCheck.passed("inclusion", "transaction " + index + " of block " + header.getNumber() + " (" + source
                + (codes.isEmpty() ? ")" : ", VALID as its peer committed it)"));
    }

    /** The document's digest in lower-case hex, for the algorithms the notarization chaincode knows. */
    static Optional<String> digest(String algorithm, byte[] document) {
        return DocumentDigest.hex(algorithm, document);
    }
}
