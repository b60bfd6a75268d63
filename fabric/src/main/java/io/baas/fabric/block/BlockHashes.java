package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** The hashes that chain Fabric blocks (protoutil.BlockHeaderHash and BlockDataHash). */
public final class BlockHashes {

    private BlockHashes() {
    }

    /** ASN.1 DER SEQUENCE {INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash}. */
    public static ByteString headerBytes(BlockHeader header) {
        // The block number is a uint64: encode it unsigned, as Go's big.Int.SetUint64 does.
        BigInteger number = new BigInteger(Long.toUnsignedString(header.getNumber()));
        DERSequence sequence = new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(number),
            new DEROctetString(header.getPreviousHash().toByteArray()),
            new DEROctetString(header.getDataHash().toByteArray()),
        });
        try {
            return ByteString.copyFrom(sequence.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ByteString headerHash(BlockHeader header) {
        return Sha256.digest(headerBytes(header));
    }

    /** SHA-256 over the concatenated envelope bytes. */
    public static ByteString dataHash(BlockData data) {
        return Sha256.digest(data.getDataList().toArray(ByteString[]::new));
    }
}
