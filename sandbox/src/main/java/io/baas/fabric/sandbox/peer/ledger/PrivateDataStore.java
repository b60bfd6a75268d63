package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.common.RecordFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.gossip.PvtDataDigest;
import org.hyperledger.fabric.protos.gossip.PvtDataElement;

/**
 * The private values a peer committed, on disk beside its blocks (Fabric's pvtdata store), so a
 * restarted peer has them again: one {@link RecordFile} record per collection of a valid
 * transaction, as gossip's PvtDataElement (the digest names the transaction, its block and
 * position, the namespace and collection; the payload is the collection's private write set),
 * written before the block. Records of blocks the block file does not have (a crash in between)
 * are cut off at start. In memory (nothing kept) without a data directory.
 */
public final class PrivateDataStore implements AutoCloseable {

    private static final int MAX_RECORD_BYTES = 128 * 1024 * 1024;
    private static final String FILE = "pvtdata";

    /** One collection's private write set of a committed transaction. */
    public record Element(long blockNumber, long txNumber, String txId, String namespace, String collection, ByteString rwset) {
    }

    private final Optional<RecordFile> file;

    private PrivateDataStore(Optional<RecordFile> file) {
        this.file = file;
    }

    public static PrivateDataStore inMemory() {
        return new PrivateDataStore(Optional.empty());
    }

    /** Where a channel's private data is kept under a directory of channels. */
    public static Path of(Path directory, String channelId) {
        return directory.resolve(channelId).resolve(FILE);
    }

    /** The elements of the blocks below {@code height}, in the order they were committed. */
    public static List<Element> read(Path path, long height) {
        List<Element> elements = new ArrayList<>();
        for (byte[] bytes : RecordFile.read(path, MAX_RECORD_BYTES).records()) {
            Element element = parse(path, bytes);
            if (element.blockNumber() >= height) {
                break;
            }
            elements.add(element);
        }
        return elements;
    }

    /** Opens the file for appending after the elements of the blocks below {@code height}. */
    public static PrivateDataStore open(Path path, long height) {
        RecordFile.Contents contents = RecordFile.read(path, MAX_RECORD_BYTES);
        return new PrivateDataStore(Optional.of(RecordFile.open(path, contents.lengthOf(read(path, height).size()))));
    }

    public void append(List<Element> elements) {
        file.ifPresent(records -> elements.forEach(element -> records.append(PvtDataElement.newBuilder()
                .setDigest(PvtDataDigest.newBuilder().setTxId(element.txId()).setNamespace(element.namespace())
                        .setCollection(element.collection()).setBlockSeq(element.blockNumber()).setSeqInBlock(element.txNumber()))
                .addPayload(element.rwset())
                .build().toByteArray())));
    }

    private static Element parse(Path path, byte[] bytes) {
        try {
            PvtDataElement element = PvtDataElement.parseFrom(bytes);
            PvtDataDigest digest = element.getDigest();
            return new Element(digest.getBlockSeq(), digest.getSeqInBlock(), digest.getTxId(), digest.getNamespace(), digest.getCollection(),
                    element.getPayloadCount() == 0 ? ByteString.EMPTY : element.getPayload(0));
        } catch (InvalidProtocolBufferException e) {
            throw new SandboxException("cannot read private data file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        file.ifPresent(RecordFile::close);
    }
}
