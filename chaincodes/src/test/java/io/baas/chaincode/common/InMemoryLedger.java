package io.baas.chaincode.common;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * A channel's state for one chaincode, as the peer keeps it: committed values in the byte order
 * of their UTF-8 keys (LevelDB's order), and the history of every key. Transactions run on an
 * {@link InMemoryStub} and are committed one after the other, each with the next timestamp.
 */
public final class InMemoryLedger {

    /** LevelDB compares keys as bytes; Java strings compare by UTF-16 units, which differs above U+FFFF. */
    static final Comparator<String> KEY_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    record Modification(String txId, Instant timestamp, byte[] value) {
    }

    /** What a transaction gave back: its result or its refusal, and its event. */
    public record Outcome(String result, ChaincodeException error, ChaincodeEvent event, Map<String, byte[]> writes) {

        public boolean ok() {
            return error == null;
        }
    }

    final NavigableMap<String, byte[]> state = new TreeMap<>(KEY_ORDER);
    final Map<String, List<Modification>> history = new HashMap<>();
    private Instant clock = Instant.parse("2026-11-23T19:24:11.123456789Z");
    private int transactions;

    public Instant now() {
        return clock;
    }

    /** A transaction by {@code creator}, at the ledger's next timestamp. */
    public InMemoryStub begin(Identity creator) {
        clock = clock.plus(Duration.ofMillis(1500));
        return new InMemoryStub(this, creator, String.format("%064x", ++transactions), clock);
    }

    /** Runs a transaction and commits its writes when it succeeds, as a valid transaction would be. */
    public Outcome submit(Identity creator, ContractInterface contract, Function<Context, String> transaction) {
        InMemoryStub stub = begin(creator);
        Outcome outcome = run(stub, contract, transaction);
        if (outcome.ok()) {
            stub.commit();
        }
        return outcome;
    }

    /** Runs a transaction and drops its writes, as an evaluation does. */
    public Outcome evaluate(Identity creator, ContractInterface contract, Function<Context, String> transaction) {
        return run(begin(creator), contract, transaction);
    }

    private static Outcome run(InMemoryStub stub, ContractInterface contract, Function<Context, String> transaction) {
        try {
            String result = transaction.apply(contract.createContext(stub));
            return new Outcome(result, null, stub.getEvent(), stub.writes());
        } catch (ChaincodeException e) {
            return new Outcome(null, e, null, Map.of());
        }
    }

    public byte[] get(String key) {
        return state.get(key);
    }

    public List<String> keys() {
        return new ArrayList<>(state.keySet());
    }

    void apply(String txId, Instant timestamp, Map<String, byte[]> writes) {
        writes.forEach((key, value) -> {
            if (value.length == 0) {
                state.remove(key);
            } else {
                state.put(key, value.clone());
            }
            history.computeIfAbsent(key, k -> new ArrayList<>()).add(new Modification(txId, timestamp, value.clone()));
        });
    }
}
