package io.baas.chaincode.assets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.chaincode.common.Identity;
import io.baas.chaincode.common.InMemoryLedger;
import io.baas.chaincode.common.InMemoryLedger.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class AssetTransferContractTest {

    private static final Identity ALICE = Identity.ORG1_USER;
    private static final Identity ADMIN1 = Identity.ORG1_ADMIN;
    private static final Identity BOB = Identity.ORG2_USER;

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final AssetTransferContract contract = new AssetTransferContract();

    private Outcome submit(Identity who, Function<Context, String> tx) {
        return ledger.submit(who, contract, tx);
    }

    private Outcome evaluate(Identity who, Function<Context, String> tx) {
        return ledger.evaluate(who, contract, tx);
    }

    private Outcome issue(Identity minter, Identity to, String amount) {
        return submit(minter, ctx -> contract.issue(ctx, to.mspId(), to.clientId(), amount));
    }

    private Outcome transfer(Identity from, Identity to, String amount) {
        return submit(from, ctx -> contract.transfer(ctx, to.mspId(), to.clientId(), amount));
    }

    private long balance(Identity who) {
        return new JSONObject(evaluate(BOB, ctx -> contract.balanceOf(ctx, who.mspId(), who.clientId())).result()).getLong("balance");
    }

    private void initializeOrg1() {
        assertThat(submit(ADMIN1, ctx -> contract.initialize(ctx, "[\"Org1MSP\"]")).ok()).isTrue();
    }

    private static void assertRefused(Outcome outcome, String code, String message) {
        assertThat(outcome.ok()).as("refused").isFalse();
        assertThat(outcome.error().getMessage()).as("the code leads the message").startsWith(code + ": ").contains(message);
        assertThat(outcome.error().getPayload()).isEqualTo(code.getBytes(UTF_8));
    }

    @Test
    void initializeSetsSortedMintersOnceAndIsIdempotent() {
        Outcome first = submit(ADMIN1, ctx -> contract.initialize(ctx, "[\"Org2MSP\",\"Org1MSP\",\"Org2MSP\"]"));

        JSONObject stored = new JSONObject(first.result());
        assertThat(stored.getJSONArray("minters").toList()).containsExactly("Org1MSP", "Org2MSP");
        assertThat(stored.getString("initializedBy")).isEqualTo("Org1MSP");
        assertThat(first.writes()).containsOnlyKeys("config");

        Outcome again = submit(BOB, ctx -> contract.initialize(ctx, "[\"Org1MSP\",\"Org2MSP\"]"));
        assertThat(again.ok()).isTrue();
        assertThat(again.result()).isEqualTo(first.result());
        assertThat(again.writes()).as("no write: a repeated Initialize does not conflict with anything").isEmpty();
        assertThat(evaluate(BOB, contract::getMinters).result()).isEqualTo(first.result());
    }

    @Test
    void initializeRefusesOtherMintersLaterAndMintersWithoutTheCaller() {
        assertRefused(submit(ADMIN1, ctx -> contract.initialize(ctx, "[\"Org2MSP\"]")), AssetTransferContract.NOT_MINTER,
                "the caller's organization Org1MSP must be one of the minters [Org2MSP]");
        initializeOrg1();

        assertRefused(submit(ADMIN1, ctx -> contract.initialize(ctx, "[\"Org1MSP\",\"Org2MSP\"]")),
                AssetTransferContract.ALREADY_INITIALIZED, "already initialized with minters [Org1MSP] in transaction ");
    }

    @Test
    void initializeRefusesMalformedMinterLists() {
        assertRefused(submit(ADMIN1, ctx -> contract.initialize(ctx, "Org1MSP")), "INVALID_ARGUMENT",
                "minters must be a JSON array of MSP IDs");
        assertRefused(submit(ADMIN1, ctx -> contract.initialize(ctx, "[]")), "INVALID_ARGUMENT",
                "at least one minter organization is required");
        assertRefused(submit(ADMIN1, ctx -> contract.initialize(ctx, "[\"Org1MSP\", 7]")), "INVALID_ARGUMENT",
                "minters must be non-empty MSP ID strings, found 7");
        assertRefused(submit(ADMIN1, ctx -> contract.initialize(ctx, "[\"Org1MSP\", \" \"]")), "INVALID_ARGUMENT",
                "minters must be non-empty MSP ID strings");
        assertThat(ledger.keys()).isEmpty();
    }

    @Test
    void everythingButInitializeIsRefusedBeforeIt() {
        String message = "the chaincode is not initialized: call Initialize with the minter organizations first";
        assertRefused(issue(ADMIN1, ALICE, "5"), AssetTransferContract.NOT_INITIALIZED, message);
        assertRefused(transfer(ALICE, BOB, "5"), AssetTransferContract.NOT_INITIALIZED, message);
        assertRefused(evaluate(ALICE, contract::getMinters), AssetTransferContract.NOT_INITIALIZED, message);
    }

    @Test
    void mintersIssueToAnyAccountWithAnEvent() {
        initializeOrg1();

        Outcome issued = issue(ALICE, BOB, "100");

        assertThat(new JSONObject(issued.result()).toMap())
                .containsEntry("mspId", "Org2MSP").containsEntry("clientId", BOB.clientId()).containsEntry("balance", 100);
        assertThat(issued.event().getEventName()).isEqualTo(AssetTransferContract.EVENT_ISSUE);
        JSONObject event = new JSONObject(issued.event().getPayload().toStringUtf8());
        assertThat(event.getJSONObject("minter").getString("mspId")).isEqualTo("Org1MSP");
        assertThat(event.getJSONObject("to").getString("clientId")).isEqualTo(BOB.clientId());
        assertThat(event.getLong("amount")).isEqualTo(100);
        assertThat(event.getString("txId")).isEqualTo(issued.event().getTxId());
        assertThat(issue(ADMIN1, BOB, "23").ok()).isTrue();
        assertThat(balance(BOB)).isEqualTo(123);
        assertThat(new JSONObject(evaluate(BOB, contract::totalSupply).result()).getLong("supply")).isEqualTo(123);
    }

    @Test
    void issueIsRefusedToNonMintersAndForBadAmounts() {
        initializeOrg1();

        assertRefused(issue(BOB, BOB, "5"), AssetTransferContract.NOT_MINTER, "Org2MSP is not a minter organization; the minters are [Org1MSP]");
        for (String amount : new String[] {"0", "-5", "1.5", "", "07", "abc"}) {
            assertRefused(issue(ALICE, BOB, amount), "INVALID_ARGUMENT", "amount must be a positive whole number, was '" + amount + "'");
        }
        assertRefused(issue(ALICE, BOB, "9223372036854775808"), "INVALID_ARGUMENT", "amount must be at most 9223372036854775807");
        assertRefused(submit(ALICE, ctx -> contract.issue(ctx, "Org2MSP", "", "5")), "INVALID_ARGUMENT", "client ID is required");
        assertThat(balance(BOB)).isZero();
    }

    @Test
    void issueRefusesToOverflowABalanceOrTheSupply() {
        initializeOrg1();
        assertThat(issue(ALICE, BOB, Long.toString(Long.MAX_VALUE - 1)).ok()).isTrue();

        assertRefused(issue(ALICE, ALICE, "2"), AssetTransferContract.OVERFLOW, "the total supply would exceed 9223372036854775807");
        assertThat(issue(ALICE, BOB, "1").ok()).isTrue();
        assertThat(balance(BOB)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void transferMovesUnitsWithAnEventAndKeepsTheSupply() {
        initializeOrg1();
        issue(ALICE, ALICE, "50");

        Outcome moved = transfer(ALICE, BOB, "20");

        assertThat(new JSONObject(moved.result()).getLong("balance")).isEqualTo(30);
        assertThat(moved.event().getEventName()).isEqualTo(AssetTransferContract.EVENT_TRANSFER);
        JSONObject event = new JSONObject(moved.event().getPayload().toStringUtf8());
        assertThat(event.getJSONObject("from").getString("clientId")).isEqualTo(ALICE.clientId());
        assertThat(event.getJSONObject("to").getString("mspId")).isEqualTo("Org2MSP");
        assertThat(event.getLong("amount")).isEqualTo(20);
        assertThat(transfer(BOB, ALICE, "20").ok()).isTrue();
        assertThat(balance(ALICE)).isEqualTo(50);
        assertThat(balance(BOB)).isZero();
        assertThat(new JSONObject(evaluate(BOB, contract::totalSupply).result()).getLong("supply")).isEqualTo(50);
    }

    @Test
    void transferRefusesMoreThanTheBalanceItselfAsRecipientAndBadAmounts() {
        initializeOrg1();
        issue(ALICE, ALICE, "10");

        assertRefused(transfer(ALICE, BOB, "11"), AssetTransferContract.INSUFFICIENT_BALANCE,
                "insufficient balance: Org1MSP " + ALICE.clientId() + " has 10, the transfer needs 11");
        assertRefused(transfer(BOB, ALICE, "1"), AssetTransferContract.INSUFFICIENT_BALANCE, "has 0, the transfer needs 1");
        assertRefused(transfer(ALICE, ALICE, "1"), AssetTransferContract.SAME_ACCOUNT, "cannot transfer to the sending account itself");
        assertRefused(transfer(ALICE, BOB, "0"), "INVALID_ARGUMENT", "amount must be a positive whole number");
        assertRefused(submit(ALICE, ctx -> contract.transfer(ctx, " ", BOB.clientId(), "1")), "INVALID_ARGUMENT", "MSP ID is required");
        assertThat(balance(ALICE)).isEqualTo(10);
        assertThat(balance(BOB)).isZero();
    }

    @Test
    void balancesOfAccountsAndTheCallersOwn() {
        initializeOrg1();
        issue(ALICE, ALICE, "7");

        assertThat(new JSONObject(evaluate(ALICE, contract::clientAccount).result()).toMap())
                .containsEntry("mspId", "Org1MSP").containsEntry("clientId", ALICE.clientId()).containsEntry("balance", 7);
        assertThat(new JSONObject(evaluate(BOB, contract::clientAccount).result()).getLong("balance")).isZero();
        assertThat(balance(ADMIN1)).as("an admin of the same organization is another account").isZero();
        assertRefused(evaluate(BOB, ctx -> contract.balanceOf(ctx, "Org1MSP", "")), "INVALID_ARGUMENT", "client ID is required");
    }

    @Test
    void historyListsAnAccountsMovementsOldestFirstInPages() {
        initializeOrg1();
        issue(ALICE, ALICE, "100");
        transfer(ALICE, BOB, "30");
        transfer(BOB, ALICE, "5");
        transfer(ALICE, BOB, "1");

        List<JSONObject> movements = new ArrayList<>();
        List<Integer> fetched = new ArrayList<>();
        String bookmark = "";
        do {
            String current = bookmark;
            JSONObject page = new JSONObject(evaluate(BOB,
                    ctx -> contract.getAccountHistory(ctx, "Org1MSP", ALICE.clientId(), "3", current)).result());
            fetched.add(page.getInt("fetched"));
            JSONArray items = page.getJSONArray("items");
            for (int i = 0; i < items.length(); i++) {
                movements.add(items.getJSONObject(i));
            }
            bookmark = page.getString("bookmark");
        } while (!bookmark.isEmpty());

        assertThat(fetched).containsExactly(3, 1);
        assertThat(movements).extracting(m -> m.getString("kind")).containsExactly("issue", "sent", "received", "sent");
        assertThat(movements).extracting(m -> m.getLong("amount")).containsExactly(100L, 30L, 5L, 1L);
        assertThat(movements).extracting(m -> m.getLong("balance")).containsExactly(100L, 70L, 75L, 74L);
        assertThat(movements.get(1).getJSONObject("counterparty").getString("clientId")).isEqualTo(BOB.clientId());
        assertThat(movements.get(0).getJSONObject("counterparty").getString("mspId")).as("the minter").isEqualTo("Org1MSP");
        assertThat(movements).extracting(m -> m.getString("timestamp")).isSorted();

        assertRefused(evaluate(BOB, ctx -> contract.getAccountHistory(ctx, "Org1MSP", ALICE.clientId(), "101", "")),
                "INVALID_ARGUMENT", "page size must be a whole number from 1 to 100, was '101'");
        assertRefused(evaluate(BOB, ctx -> contract.getAccountHistory(ctx, "Org1MSP", ALICE.clientId(), "3", "config")),
                "INVALID_ARGUMENT", "the bookmark does not belong to this listing");
    }
}
