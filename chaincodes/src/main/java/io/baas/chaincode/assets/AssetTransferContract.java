package io.baas.chaincode.assets;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.baas.chaincode.common.Args;
import io.baas.chaincode.common.Caller;
import io.baas.chaincode.common.Failure;
import io.baas.chaincode.common.Json;
import io.baas.chaincode.common.Pages;
import io.baas.chaincode.common.TxTime;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * Asset transfer: one fungible asset, an account per identity (MSP ID and client ID), issued by
 * minter organizations and moved between accounts. Balances are whole numbers that never go
 * negative nor overflow.
 *
 * <p>The gateway cannot call init-required chaincodes (docs/architecture.md), so the minters are set by an
 * explicit {@code Initialize} transaction, idempotent for the same minters. Every balance change
 * is also written as a movement of the account, so an account's history can be read in pages.
 *
 * <p>Keys: {@code config} (the minters), {@code supply} (total issued), {@code balance(mspId,
 * clientId)}, {@code movement(mspId, clientId, time, txId)}.
 */
@Contract(name = "assets", info = @Info(title = "Asset transfer", version = "1.0",
        description = "Accounts per identity; minter organizations issue, holders transfer",
        license = @License(name = "Apache-2.0"), contact = @Contact(name = "ks-baas")))
@Default
public final class AssetTransferContract implements ContractInterface {

    public static final String EVENT_ISSUE = "Issue";
    public static final String EVENT_TRANSFER = "Transfer";
    public static final String NOT_INITIALIZED = "NOT_INITIALIZED";
    public static final String ALREADY_INITIALIZED = "ALREADY_INITIALIZED";
    public static final String NOT_MINTER = "NOT_MINTER";
    public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    public static final String SAME_ACCOUNT = "SAME_ACCOUNT";
    public static final String OVERFLOW = "OVERFLOW";
    static final String CONFIG = "config";
    static final String SUPPLY = "supply";
    static final String BALANCE = "balance";
    static final String MOVEMENT = "movement";
    static final int MAX_ID = 1024;

    /**
     * Sets the minter organizations, once. Calling it again with the same organizations changes
     * nothing and succeeds; with others it is refused. The caller's organization must be one of
     * them, so no organization can make only others minters.
     *
     * @param minters a JSON array of MSP IDs
     * @return {@code {"minters":[...],"initializedBy","txId","timestamp"}} as stored
     */
    @Transaction(name = "Initialize", intent = Transaction.TYPE.SUBMIT)
    public String initialize(Context ctx, String minters) {
        ChaincodeStub stub = ctx.getStub();
        List<String> mspIds = Minters.parse(minters);
        Caller caller = Caller.of(ctx);
        if (!mspIds.contains(caller.mspId())) {
            throw Failure.of(NOT_MINTER, "the caller's organization " + caller.mspId()
                    + " must be one of the minters " + mspIds);
        }
        byte[] stored = stub.getState(CONFIG);
        if (stored != null && stored.length > 0) {
            Minters current = Minters.fromJson(new String(stored, UTF_8));
            if (current.mspIds().equals(mspIds)) {
                return current.toJson();
            }
            throw Failure.of(ALREADY_INITIALIZED, "already initialized with minters " + current.mspIds()
                    + " in transaction " + current.txId() + "; they cannot be changed to " + mspIds);
        }
        String json = new Minters(mspIds, caller.mspId(), stub.getTxId(), TxTime.of(stub)).toJson();
        stub.putState(CONFIG, json.getBytes(UTF_8));
        return json;
    }

    /** @return the minters as {@code Initialize} stored them; refused before it */
    @Transaction(name = "GetMinters", intent = Transaction.TYPE.EVALUATE)
    public String getMinters(Context ctx) {
        return minters(ctx.getStub()).toJson();
    }

    /**
     * Issues new units to an account. Only members of minter organizations may issue.
     *
     * @return the recipient's account after the issue
     */
    @Transaction(name = "Issue", intent = Transaction.TYPE.SUBMIT)
    public String issue(Context ctx, String toMspId, String toClientId, String amount) {
        ChaincodeStub stub = ctx.getStub();
        Minters minters = minters(stub);
        Caller caller = Caller.of(ctx);
        if (!minters.includes(caller.mspId())) {
            throw Failure.of(NOT_MINTER, caller.mspId() + " is not a minter organization; the minters are " + minters.mspIds());
        }
        Caller to = account(toMspId, toClientId);
        long units = Args.positiveAmount("amount", amount);
        long supply = add(readLong(stub, SUPPLY), units, "the total supply");
        long balance = add(balance(stub, to), units, "the balance of " + describe(to));
        String time = TxTime.of(stub);
        stub.putState(SUPPLY, Long.toString(supply).getBytes(UTF_8));
        writeBalance(stub, to, balance);
        writeMovement(stub, to, time, "issue", caller, units, balance);
        stub.setEvent(EVENT_ISSUE, Json.object()
                .put("minter", accountJson(caller))
                .put("to", accountJson(to))
                .put("amount", units)
                .put("txId", stub.getTxId())
                .toString().getBytes(UTF_8));
        return accountJson(to, balance);
    }

    /**
     * Moves units from the caller's account to another. Refused when the caller's balance is
     * lower than the amount, or when both accounts are the caller's.
     *
     * @return the caller's account after the transfer
     */
    @Transaction(name = "Transfer", intent = Transaction.TYPE.SUBMIT)
    public String transfer(Context ctx, String toMspId, String toClientId, String amount) {
        ChaincodeStub stub = ctx.getStub();
        minters(stub);
        Caller from = Caller.of(ctx);
        Caller to = account(toMspId, toClientId);
        long units = Args.positiveAmount("amount", amount);
        if (from.equals(to)) {
            // A transaction reads the state before its own writes: both writes would land on one key.
            throw Failure.of(SAME_ACCOUNT, "cannot transfer to the sending account itself");
        }
        long fromBalance = balance(stub, from);
        if (fromBalance < units) {
            throw Failure.of(INSUFFICIENT_BALANCE, "insufficient balance: " + describe(from) + " has " + fromBalance
                    + ", the transfer needs " + units);
        }
        // Balances add up to the supply, which issue keeps in range: this cannot overflow unless the state is corrupt.
        long toBalance = add(balance(stub, to), units, "the balance of " + describe(to));
        long remaining = fromBalance - units;
        String time = TxTime.of(stub);
        writeBalance(stub, from, remaining);
        writeBalance(stub, to, toBalance);
        writeMovement(stub, from, time, "sent", to, units, remaining);
        writeMovement(stub, to, time, "received", from, units, toBalance);
        stub.setEvent(EVENT_TRANSFER, Json.object()
                .put("from", accountJson(from))
                .put("to", accountJson(to))
                .put("amount", units)
                .put("txId", stub.getTxId())
                .toString().getBytes(UTF_8));
        return accountJson(from, remaining);
    }

    /** @return {@code {"mspId","clientId","balance"}}; an account never credited has balance 0 */
    @Transaction(name = "BalanceOf", intent = Transaction.TYPE.EVALUATE)
    public String balanceOf(Context ctx, String mspId, String clientId) {
        Caller account = account(mspId, clientId);
        return accountJson(account, balance(ctx.getStub(), account));
    }

    /** @return the caller's own account, as {@code BalanceOf} gives it */
    @Transaction(name = "ClientAccount", intent = Transaction.TYPE.EVALUATE)
    public String clientAccount(Context ctx) {
        Caller caller = Caller.of(ctx);
        return accountJson(caller, balance(ctx.getStub(), caller));
    }

    /** @return the units issued so far: {@code {"supply":n}} */
    @Transaction(name = "TotalSupply", intent = Transaction.TYPE.EVALUATE)
    public String totalSupply(Context ctx) {
        return Json.object().put("supply", readLong(ctx.getStub(), SUPPLY)).toString();
    }

    /**
     * One page of an account's movements, oldest first: {@code issue}, {@code sent} or
     * {@code received}, the counterparty, the amount and the balance after it.
     *
     * @return {@code {"items":[...],"fetched":n,"bookmark":"..."}}; the bookmark is empty after the last page
     */
    @Transaction(name = "GetAccountHistory", intent = Transaction.TYPE.EVALUATE)
    public String getAccountHistory(Context ctx, String mspId, String clientId, String pageSize, String bookmark) {
        ChaincodeStub stub = ctx.getStub();
        Caller account = account(mspId, clientId);
        CompositeKey prefix = stub.createCompositeKey(MOVEMENT, account.mspId(), account.clientId());
        return Pages.page(stub, prefix, pageSize, bookmark, entry -> entry.getStringValue());
    }

    private static Minters minters(ChaincodeStub stub) {
        byte[] stored = stub.getState(CONFIG);
        if (stored == null || stored.length == 0) {
            throw Failure.of(NOT_INITIALIZED, "the chaincode is not initialized: call Initialize with the minter organizations first");
        }
        return Minters.fromJson(new String(stored, UTF_8));
    }

    private static Caller account(String mspId, String clientId) {
        return new Caller(Args.required("MSP ID", mspId, MAX_ID), Args.required("client ID", clientId, MAX_ID));
    }

    private static long balance(ChaincodeStub stub, Caller account) {
        return readLong(stub, balanceKey(stub, account));
    }

    private static long readLong(ChaincodeStub stub, String key) {
        byte[] stored = stub.getState(key);
        return stored == null || stored.length == 0 ? 0 : Long.parseLong(new String(stored, UTF_8));
    }

    private static void writeBalance(ChaincodeStub stub, Caller account, long balance) {
        stub.putState(balanceKey(stub, account), Long.toString(balance).getBytes(UTF_8));
    }

    private static void writeMovement(ChaincodeStub stub, Caller account, String time, String kind, Caller counterparty,
                                      long amount, long balance) {
        String key = stub.createCompositeKey(MOVEMENT, account.mspId(), account.clientId(), time, stub.getTxId()).toString();
        stub.putState(key, Json.object()
                .put("txId", stub.getTxId())
                .put("timestamp", time)
                .put("kind", kind)
                .put("counterparty", accountJson(counterparty))
                .put("amount", amount)
                .put("balance", balance)
                .toString().getBytes(UTF_8));
    }

    private static String balanceKey(ChaincodeStub stub, Caller account) {
        return stub.createCompositeKey(BALANCE, account.mspId(), account.clientId()).toString();
    }

    private static long add(long current, long units, String what) {
        try {
            return Math.addExact(current, units);
        } catch (ArithmeticException e) {
            throw Failure.of(OVERFLOW, what + " would exceed " + Long.MAX_VALUE + " (" + current + " + " + units + ")");
        }
    }

    private static Json accountJson(Caller account) {
        return Json.object().put("mspId", account.mspId()).put("clientId", account.clientId());
    }

    private static String accountJson(Caller account, long balance) {
        return accountJson(account).put("balance", balance).toString();
    }

    private static String describe(Caller account) {
        return account.mspId() + " " + account.clientId();
    }
}
