package io.baas.explorer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Where each transaction's envelope lies in a serialized {@code common.Block}: field 2 ({@code data})
 * holds repeated bytes field 1, one envelope each. Stored with the transaction's row, the offset lets
 * a query read one envelope out of the stored block instead of the whole block.
 */
final class BlockLayout {

    /** Field 2 and field 1, length-delimited: (number << 3) | wire type 2. */
    private static final int BLOCK_DATA = 2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int DATA_ENTRY = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private BlockLayout() {
    }

    /** The byte offset of each envelope (in order) in {@code block}, the block's own serialized bytes. */
    static int[] envelopeOffsets(byte[] block) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(block);
            int[] offsets = new int[0];
            int count = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag != BLOCK_DATA) {
                    in.skipField(tag);
                    continue;
                }
                int limit = in.pushLimit(in.readRawVarint32());
                for (int entry = in.readTag(); entry != 0; entry = in.readTag()) {
                    if (entry != DATA_ENTRY) {
                        in.skipField(entry);
                        continue;
                    }
                    int length = in.readRawVarint32();
                    if (count == offsets.length) {
                        offsets = Arrays.copyOf(offsets, Math.max(16, count * 2));
                    }
                    offsets[count++] = in.getTotalBytesRead();
                    in.skipRawBytes(length);
                }
                in.popLimit(limit);
            }
            return Arrays.copyOf(offsets, count);
        } catch (IOException e) {
            throw new UncheckedIOException("a block that was just serialized cannot be read back", e);
        }
    }
}
