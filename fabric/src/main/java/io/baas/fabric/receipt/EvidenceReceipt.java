package io.baas.fabric.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.util.Base64;
import java.util.Optional;

/**
 * A notarization receipt (存证回执) that anyone can check without trusting the platform: the
 * evidence (channel, chaincode, algorithm, digest, transaction ID and block), the transaction
 * envelope as ordered (its endorsements prove which organizations' peers executed it), the block
 * header and the block's signature metadata (the ordering service's signatures over the header),
 * and the channel config in force (its MSPs and BlockValidation policy judge those signatures).
 * With {@code block} the whole block proves the transaction's inclusion (it then carries the
 * channel's other transactions of that block); without it a verifier checks inclusion against a
 * block it fetched from a peer it trusts. JSON, bytes in base64.
 */
public record EvidenceReceipt(
        String channel,
        String chaincode,
        String hashAlgorithm,
        String digest,
        String txId,
        long blockNumber,
        ByteString transaction,
        ByteString blockHeader,
        ByteString blockSignatures,
        ByteString channelConfig,
        Optional<ByteString> block) {

    public static final String FORMAT = "ks-baas-evidence-receipt/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public EvidenceReceipt {
        digest = digest.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The receipt of the evidence a committed block's transaction recorded, with the channel's
     * config in force at that block; with {@code includeBlock} the whole block proves inclusion.
     */
    public static EvidenceReceipt of(String chaincode, String hashAlgorithm, String digest, org.hyperledger.fabric.protos.common.Block block,
                                     int txIndex, org.hyperledger.fabric.protos.common.Config config, boolean includeBlock) {
        ByteString transaction = block.getData().getData(txIndex);
        io.baas.fabric.block.DecodedTransaction tx = io.baas.fabric.block.BlockDecoder.decode(block).transactions().get(txIndex);
        return new EvidenceReceipt(tx.channelId(), chaincode, hashAlgorithm, digest, tx.txId(), block.getHeader().getNumber(), transaction,
                block.getHeader().toByteString(),
                block.getMetadata().getMetadata(org.hyperledger.fabric.protos.common.BlockMetadataIndex.SIGNATURES_VALUE),
                config.toByteString(), includeBlock ? Optional.of(block.toByteString()) : Optional.empty());
    }

    /** The MSP IDs of the organizations whose peers endorsed the transaction, in the order of their endorsements. */
    public java.util.List<String> endorsingMspIds() {
        java.util.LinkedHashSet<String> mspIds = new java.util.LinkedHashSet<>();
        io.baas.fabric.block.BlockDecoder.decodeTransaction(transaction).actions()
                .forEach(action -> action.endorsements().forEach(endorsement -> mspIds.add(endorsement.signer().mspId())));
        return java.util.List.copyOf(mspIds);
    }

    public byte[] toJson() {
        ObjectNode json = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("channel", channel)
                .put("chaincode", chaincode)
                .put("hashAlgorithm", hashAlgorithm)
                .put("digest", digest)
                .put("txId", txId)
                .put("blockNumber", blockNumber)
                .put("transaction", base64(transaction))
                .put("blockHeader", base64(blockHeader))
                .put("blockSignatures", base64(blockSignatures))
                .put("channelConfig", base64(channelConfig));
        block.ifPresent(bytes -> json.put("block", base64(bytes)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is always JSON", e);
        }
    }

    /** @throws ReceiptException when the bytes are not a receipt of this format */
    public static EvidenceReceipt fromJson(byte[] bytes) {
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new ReceiptException("not a JSON receipt: " + e.getMessage());
        }
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw new ReceiptException("not a receipt of format " + FORMAT);
        }
        return new EvidenceReceipt(text(json, "channel"), text(json, "chaincode"), text(json, "hashAlgorithm"), text(json, "digest"),
                text(json, "txId"), json.path("blockNumber").asLong(-1), bytes(json, "transaction"), bytes(json, "blockHeader"),
                bytes(json, "blockSignatures"), bytes(json, "channelConfig"),
                json.hasNonNull("block") ? Optional.of(bytes(json, "block")) : Optional.empty());
    }

    private static String text(JsonNode json, String field) {
        if (!json.path(field).isTextual()) {
            throw new ReceiptException("the receipt has no " + field);
        }
        return json.path(field).asText();
    }

    private static ByteString bytes(JsonNode json, String field) {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text(json, field)));
        } catch (IllegalArgumentException e) {
            throw new ReceiptException("the receipt's " + field + " is not base64");
        }
    }

    private static String base64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
