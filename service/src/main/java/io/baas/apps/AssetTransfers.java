package io.baas.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Asset transfer (资产转账) on a channel through the asset-transfer app, each account one user's
 * client identity: issues by minter organizations, transfers with the chaincode's balance checks,
 * balances and paged histories. The chaincode's refusals (NOT_MINTER, INSUFFICIENT_BALANCE, ...)
 * reach the caller as its own codes.
 */
@ApplicationScoped
public class AssetTransfers {

    static final int MAX_PAGE = 100;

    private final AppCalls calls;

    AssetTransfers(AppCalls calls) {
        this.calls = calls;
    }

    /** Minters, supply and the caller's own account. */
    public AssetsOverview overview(String namespace, String channel, Caller caller) {
        List<String> minters = new ArrayList<>();
        evaluate(namespace, channel, caller, "GetMinters").path("minters").forEach(m -> minters.add(m.asText()));
        long supply = evaluate(namespace, channel, caller, "TotalSupply").path("supply").asLong();
        AssetAccount own = AppCalls.as(evaluate(namespace, channel, caller, "ClientAccount"), AssetAccount.class);
        return new AssetsOverview(minters, supply, own);
    }

    /** The balance of an account; the caller's own when none is named. */
    public AssetAccount balance(String namespace, String channel, String mspId, String clientId, Caller caller) {
        if (mspId == null && clientId == null) {
            return AppCalls.as(evaluate(namespace, channel, caller, "ClientAccount"), AssetAccount.class);
        }
        requireAccount(mspId, clientId);
        return AppCalls.as(evaluate(namespace, channel, caller, "BalanceOf", mspId, clientId), AssetAccount.class);
    }

    /** A page of an account's movements, oldest first; the caller's own account when none is named. */
    public AssetMovements movements(String namespace, String channel, String mspId, String clientId, int limit, String continueToken,
                                    Caller caller) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid("The page size is out of range.", List.of(new FieldError("limit", "must be 1 to " + MAX_PAGE)));
        }
        if (mspId == null && clientId == null) {
            ChannelCalls.Client own = calls.channel().client(namespace, caller);
            mspId = own.mspId();
            clientId = own.clientId();
        }
        requireAccount(mspId, clientId);
        JsonNode page = evaluate(namespace, channel, caller, "GetAccountHistory", mspId, clientId, Integer.toString(limit),
                continueToken == null ? "" : continueToken);
        List<AssetMovement> items = new ArrayList<>();
        page.path("items").forEach(item -> items.add(AppCalls.as(item, AssetMovement.class)));
        return new AssetMovements(mspId, clientId, items, page.path("bookmark").asText(""));
    }

    /**
     * The Issue and Transfer events committed from {@code fromBlock} on, at most {@code maxBlocks}
     * blocks at a time: a client polls with each answer's {@code nextBlock} and so sees them as they commit.
     */
    public AssetEvents events(String namespace, String channel, long fromBlock, int maxBlocks, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (fromBlock < 0) {
            errors.add(new FieldError("fromBlock", "must be 0 or more"));
        }
        if (maxBlocks < 1 || maxBlocks > MAX_PAGE) {
            errors.add(new FieldError("maxBlocks", "must be 1 to " + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The event range is invalid.", errors);
        }
        ChannelCalls.EventPage page = calls.channel().events(namespace, channel, BuiltInApp.ASSET_TRANSFER.id(), fromBlock, maxBlocks, caller);
        List<AssetEvents.Event> items = new ArrayList<>();
        page.events().forEach(e -> items.add(new AssetEvents.Event(e.blockNumber(), e.txId(), e.name(), AppCalls.json(e.payload()))));
        return new AssetEvents(items, page.nextBlock());
    }

    /** Issues new units to an account: minter organizations only (NOT_MINTER otherwise). */
    public AssetTransaction issue(String namespace, String channel, NewAssetMovement request, Caller caller) {
        return moved(calls.submit(namespace, channel, BuiltInApp.ASSET_TRANSFER, caller, "Issue", request.to().mspId(), request.to().clientId(),
                Long.toString(request.amount())));
    }

    /** Moves units from the caller's own account (INSUFFICIENT_BALANCE when it holds fewer). */
    public AssetTransaction transfer(String namespace, String channel, NewAssetMovement request, Caller caller) {
        return moved(calls.submit(namespace, channel, BuiltInApp.ASSET_TRANSFER, caller, "Transfer", request.to().mspId(),
                request.to().clientId(), Long.toString(request.amount())));
    }

    private static AssetTransaction moved(AppCalls.Submitted submitted) {
        return new AssetTransaction(submitted.transactionId(), submitted.blockNumber(), AppCalls.as(submitted.result(), AssetAccount.class));
    }

    private JsonNode evaluate(String namespace, String channel, Caller caller, String function, String... arguments) {
        return calls.evaluate(namespace, channel, BuiltInApp.ASSET_TRANSFER, caller, function, arguments);
    }

    private static void requireAccount(String mspId, String clientId) {
        List<FieldError> errors = new ArrayList<>();
        if (mspId == null || mspId.isBlank()) {
            errors.add(new FieldError("mspId", "must be given with clientId"));
        }
        if (clientId == null || clientId.isBlank()) {
            errors.add(new FieldError("clientId", "must be given with mspId"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorKind.INVALID, ErrorKind.INVALID.reason(), "An account is named by an MSP ID and a client ID.", errors);
        }
    }
}
