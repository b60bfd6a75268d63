package io.baas.fabric.block;

import static io.baas.fabric.block.BlockParts.identity;
import static io.baas.fabric.block.BlockParts.parse;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.SignedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

final class MetadataDecoder {

    private MetadataDecoder() {
    }

    static DecodedMetadata decode(BlockHeader header, BlockMetadata metadata) {
        Metadata signatures = metadataAt(metadata, BlockMetadataIndex.SIGNATURES, "SIGNATURES");
        OrdererBlockMetadata orderer = parse(OrdererBlockMetadata.parser(), signatures.getValue(), "orderer block metadata");
        ByteString headerBytes = BlockHashes.headerBytes(header);
        List<SignedData> ordererSignatures = new ArrayList<>();
        for (MetadataSignature signature : signatures.getSignaturesList()) {
            SignatureHeader signatureHeader = parse(SignatureHeader.parser(), signature.getSignatureHeader(), "block signature header");
            // The orderer signs value || signature header || DER block header (protoutil.BlockSignatureVerifier).
            ByteString signed = signatures.getValue().concat(signature.getSignatureHeader()).concat(headerBytes);
            ordererSignatures.add(new SignedData(signed, identity(signatureHeader.getCreator(), "block signer"), signature.getSignature()));
        }
        return new DecodedMetadata(
                lastConfigIndex(metadata, orderer),
                List.copyOf(ordererSignatures),
                raft(orderer.getConsenterMetadata()),
                validationCodes(entry(metadata, BlockMetadataIndex.TRANSACTIONS_FILTER)),
                commitHash(metadata));
    }

    /** Fabric 2.x keeps the last config in the signed orderer metadata; older blocks in LAST_CONFIG. */
    private static long lastConfigIndex(BlockMetadata metadata, OrdererBlockMetadata orderer) {
        if (orderer.hasLastConfig()) {
            return orderer.getLastConfig().getIndex();
        }
        Metadata lastConfig = metadataAt(metadata, BlockMetadataIndex.LAST_CONFIG, "LAST_CONFIG");
        return parse(LastConfig.parser(), lastConfig.getValue(), "last config").getIndex();
    }

    private static Optional<RaftBlockMetadata> raft(ByteString consenterMetadata) {
        if (consenterMetadata.isEmpty()) {
            return Optional.empty();
        }
        Metadata wrapper = parse(Metadata.parser(), consenterMetadata, "consenter metadata");
        var raft = parse(org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.parser(), wrapper.getValue(),
                "etcdraft block metadata");
        return Optional.of(new RaftBlockMetadata(List.copyOf(raft.getConsenterIdsList()), raft.getNextConsenterId(), raft.getRaftIndex()));
    }

    private static List<TxValidationCode> validationCodes(ByteString filter) {
        List<TxValidationCode> codes = new ArrayList<>(filter.size());
        for (int i = 0; i < filter.size(); i++) {
            int number = filter.byteAt(i) & 0xff;
            TxValidationCode code = TxValidationCode.forNumber(number);
            if (code == null) {
                throw new BlockDecodingException("unknown validation code " + number + " for transaction " + i);
            }
            codes.add(code);
        }
        return List.copyOf(codes);
    }

    private static Optional<ByteString> commitHash(BlockMetadata metadata) {
        ByteString entry = entry(metadata, BlockMetadataIndex.COMMIT_HASH);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(Metadata.parser(), entry, "COMMIT_HASH metadata").getValue());
    }

    private static Metadata metadataAt(BlockMetadata metadata, BlockMetadataIndex index, String name) {
        return parse(Metadata.parser(), entry(metadata, index), name + " metadata");
    }

    private static ByteString entry(BlockMetadata metadata, BlockMetadataIndex index) {
        int i = index.getNumber();
        return i < metadata.getMetadataCount() ? metadata.getMetadata(i) : ByteString.EMPTY;
    }
}
