package io.baas.chaincode.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The transaction's time: the timestamp the client put in the proposal's channel header, the same
 * on every endorsing peer (the peer's clock would not be). Written with nine fraction digits so
 * that, as a composite-key attribute, text order is time order.
 */
public final class TxTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private TxTime() {
    }

    public static String of(ChaincodeStub stub) {
        Instant timestamp = stub.getTxTimestamp();
        if (timestamp == null) {
            throw Failure.invalid("the transaction has no timestamp (no signed proposal)");
        }
        return format(timestamp);
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
