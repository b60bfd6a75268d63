package io.baas.iam;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens of KubeSphere 4 ServiceAccounts, end to end: good while the account exists, authorized by
 * the bindings that name the account (kind ServiceAccount, group kubesphere.io, its namespace), and
 * in no group, as ks-apiserver has it.
 */
@QuarkusTest
class ServiceAccountTokenTest {

    private static final String WORKSPACE = "ws-sa";
    private static final String PROJECT = "proj-sa";
    /** Another project of the same workspace, with an account of the same name. */
    private static final String TWIN_PROJECT = "proj-sa-twin";
    /** A workspace whose viewer role every authenticated user holds (through the group system:authenticated). */
    private static final String OPEN_WORKSPACE = "ws-sa-open";
    private static final String CONSORTIA = "/kapis/baas.io/v1/workspaces/" + WORKSPACE + "/consortia";
    private static final String ORGANIZATIONS = "/kapis/baas.io/v1/workspaces/" + WORKSPACE + "/organizations";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    private KubeSphereFixtures fixtures;

    @BeforeEach
    void platform() {
        fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WORKSPACE);
        fixtures.workspace(OPEN_WORKSPACE);
        fixtures.project(PROJECT, WORKSPACE);
        fixtures.project(TWIN_PROJECT, WORKSPACE);
        fixtures.serviceAccount(PROJECT, "bot");
        fixtures.serviceAccount(TWIN_PROJECT, "bot");
        fixtures.serviceAccount(PROJECT, "idle");
        fixtures.serviceAccountWorkspaceRoleBinding(PROJECT, "bot", WORKSPACE, "viewer");
        fixtures.groupWorkspaceRoleBinding("system:authenticated", OPEN_WORKSPACE, "viewer");
    }

    private static ValidatableResponse get(String token, String path) {
        return given().header("Authorization", "Bearer " + token).when().get(path).then();
    }

    private static ValidatableResponse post(String token, String path) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .when().post(path).then();
    }

    private static Map<String, Object> serviceAccountClaims(String username) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("username", username);
        claims.put("sub", username);
        claims.put("token_type", "static_token");
        claims.put("iss", "kubesphere");
        claims.put("iat", Instant.now().getEpochSecond());
        return claims;
    }

    @Test
    void aBoundAccountGetsWhatItsRoleGrantsAndNothingMore() {
        String token = TestTokens.serviceAccount(PROJECT, "bot");
        get(token, CONSORTIA).statusCode(200);
        assertError(post(token, ORGANIZATIONS), 403, "Forbidden");
        assertError(get(token, "/kapis/baas.io/v1/consortia"), 403, "Forbidden");
    }

    @Test
    void anUnboundAccountIsAuthenticatedButMayDoNothing() {
        String token = TestTokens.serviceAccount(PROJECT, "idle");
        assertError(get(token, CONSORTIA), 403, "Forbidden");
        assertError(post(token, ORGANIZATIONS), 403, "Forbidden");
    }

    @Test
    void anAccountIsInNoGroupNotEvenSystemAuthenticated() {
        fixtures.user("sa-plain-user");
        given().header("Authorization", TestTokens.bearer("sa-plain-user")).when()
                .get("/kapis/baas.io/v1/workspaces/" + OPEN_WORKSPACE + "/consortia").then().statusCode(200);
        assertError(get(TestTokens.serviceAccount(PROJECT, "bot"), "/kapis/baas.io/v1/workspaces/" + OPEN_WORKSPACE + "/consortia"),
                403, "Forbidden");
    }

    @Test
    void anAccountOfTheSameNameInAnotherNamespaceGetsNoneOfTheFirstsBindings() {
        assertError(get(TestTokens.serviceAccount(TWIN_PROJECT, "bot"), CONSORTIA), 403, "Forbidden");
    }

    @Test
    void aDeletedAccountsTokenIsRefusedUntilAnAccountOfThatNameExistsAgain() {
        fixtures.serviceAccount(PROJECT, "doomed");
        String token = TestTokens.serviceAccount(PROJECT, "doomed");
        assertError(get(token, CONSORTIA), 403, "Forbidden");

        fixtures.deleteServiceAccount(PROJECT, "doomed");
        assertError(get(token, CONSORTIA), 401, "UnknownServiceAccount").header("WWW-Authenticate", "Bearer");

        // KubeSphere ties the token to the name alone (no uid in it): a new account of the name is its owner.
        fixtures.serviceAccount(PROJECT, "doomed");
        assertError(get(token, CONSORTIA), 403, "Forbidden");
    }

    @Test
    void anAccountThatNeverExistedIsRefused() {
        assertError(get(TestTokens.serviceAccount(PROJECT, "ghost"), CONSORTIA), 401, "UnknownServiceAccount");
        assertError(get(TestTokens.serviceAccount("no-such-project", "bot"), CONSORTIA), 401, "UnknownServiceAccount");
    }

    @Test
    void namesNoAccountCouldHaveAreRefused() {
        assertError(get(TestTokens.serviceAccount("Proj_SA", "bot"), CONSORTIA), 401, "InvalidServiceAccountName");
        assertError(get(TestTokens.serviceAccount(PROJECT, "Bot!"), CONSORTIA), 401, "InvalidServiceAccountName");
        assertError(get(TestTokens.serviceAccount("", ""), CONSORTIA), 401, "InvalidServiceAccountName");
        // The subject says service account; the username must then name one too.
        Map<String, Object> claims = serviceAccountClaims("kubesphere:serviceaccount:" + PROJECT + ":bot");
        claims.put("username", "admin");
        assertError(get(TestTokens.sign(claims, TestTokens.SECRET), CONSORTIA), 401, "MalformedToken");
    }

    @Test
    void aUserTokenSpellingAnAccountsNameIsAUsersAndNoSuchUserExists() {
        // Only the subject makes a token an account's; otherwise the name must be a user's, whatever it spells.
        String username = "kubesphere:serviceaccount:" + PROJECT + ":bot";
        Map<String, Object> noSubject = serviceAccountClaims(username);
        noSubject.remove("sub");
        assertError(get(TestTokens.sign(noSubject, TestTokens.SECRET), CONSORTIA), 401, "UnknownUser");
        Map<String, Object> userSubject = serviceAccountClaims(username);
        userSubject.put("sub", "admin");
        assertError(get(TestTokens.sign(userSubject, TestTokens.SECRET), CONSORTIA), 401, "UnknownUser");
        Map<String, Object> noAccount = serviceAccountClaims("kubesphere:serviceaccount:" + PROJECT + ":nobody");
        noAccount.remove("sub");
        assertError(get(TestTokens.sign(noAccount, TestTokens.SECRET), CONSORTIA), 401, "UnknownUser");
    }

    @Test
    void expiredForgedAndUnsignedAccountTokensAreRefused() {
        String username = "kubesphere:serviceaccount:" + PROJECT + ":bot";
        Map<String, Object> expired = serviceAccountClaims(username);
        expired.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        assertError(get(TestTokens.sign(expired, TestTokens.SECRET), CONSORTIA), 401, "TokenExpired");
        assertError(get(TestTokens.sign(serviceAccountClaims(username), "not-the-secret"), CONSORTIA), 401, "InvalidSignature");
        assertError(get(TestTokens.unsigned(serviceAccountClaims(username)), CONSORTIA), 401, "UnsupportedAlgorithm");
        Map<String, Object> refresh = serviceAccountClaims(username);
        refresh.put("token_type", "refresh_token");
        assertError(get(TestTokens.sign(refresh, TestTokens.SECRET), CONSORTIA), 401, "UnsupportedTokenType");
    }
}
