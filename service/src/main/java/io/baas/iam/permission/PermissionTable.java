package io.baas.iam.permission;

import static io.baas.iam.rbac.ResourceScope.CLUSTER;
import static io.baas.iam.rbac.ResourceScope.NAMESPACE;
import static io.baas.iam.rbac.ResourceScope.WORKSPACE;

import io.baas.iam.rbac.ResourceScope;
import java.util.List;
import java.util.Optional;

/**
 * Every route of {@code /kapis/baas.io/v1}, with what ks-apiserver authorizes it as. One table: the
 * authorization tests, {@code docs/permissions.md} and the RoleTemplates all come from it, and a
 * test fails when a JAX-RS route is missing here or disagrees with its path.
 */
public final class PermissionTable {

    public static final String GROUP = "baas.io";
    public static final String PREFIX = "/kapis/baas.io/v1";

    private static final String ORGANIZATION = "/workspaces/{workspace}/organizations/{organization}";
    private static final String INVITATIONS = "/workspaces/{workspace}/invitations";
    private static final String PEERS = "/namespaces/{namespace}/peers";
    private static final String ORDERERS = "/namespaces/{namespace}/orderers";
    private static final String CHANNELS = "/namespaces/{namespace}/channels";
    private static final String EVIDENCES = CHANNELS + "/{channel}/evidences";
    private static final String ASSETS = CHANNELS + "/{channel}/assets";
    private static final String APPLICATIONS = "/namespaces/{namespace}/applications";
    private static final String EXTERNAL = "/externalchannels";
    private static final String PACKAGES = "/workspaces/{workspace}/chaincodepackages";
    private static final String VERSION = PACKAGES + "/{chaincode}/versions/{version}";

    public static final List<RoutePermission> ROUTES = List.of(
            route("GET", "/consortia", CLUSTER, "consortia", "", "list"),
            route("GET", "/workspaces/{workspace}/consortia", WORKSPACE, "consortia", "", "list"),
            route("POST", "/workspaces/{workspace}/consortia", WORKSPACE, "consortia", "", "create"),
            route("GET", "/workspaces/{workspace}/consortia/{consortium}", WORKSPACE, "consortia", "", "get"),
            route("DELETE", "/workspaces/{workspace}/consortia/{consortium}", WORKSPACE, "consortia", "", "delete"),
            route("GET", "/workspaces/{workspace}/consortia/{consortium}/overview", WORKSPACE, "consortia", "overview", "get"),
            route("GET", "/auditlogs", CLUSTER, "auditlogs", "", "list"),
            route("GET", "/organizations", CLUSTER, "organizations", "", "list"),
            // Not "nodes", which KubeSphere's built-in "authenticated" role grants in every API group.
            route("GET", "/fabricnodes", CLUSTER, "fabricnodes", "", "list"),
            route("GET", "/explorerchannels", CLUSTER, "explorerchannels", "", "list"),
            route("POST", "/explorerchannels/{ledger}/reindexes", CLUSTER, "explorerchannels", "reindexes", "create"),
            route("GET", EXTERNAL, CLUSTER, "externalchannels", "", "list"),
            route("POST", EXTERNAL, CLUSTER, "externalchannels", "", "create"),
            route("GET", EXTERNAL + "/{name}", CLUSTER, "externalchannels", "", "get"),
            route("DELETE", EXTERNAL + "/{name}", CLUSTER, "externalchannels", "", "delete"),
            route("GET", EXTERNAL + "/{name}/statistics", CLUSTER, "externalchannels", "statistics", "get"),
            route("GET", EXTERNAL + "/{name}/blocks", CLUSTER, "externalchannels", "blocks", "get"),
            route("GET", EXTERNAL + "/{name}/blocks/{number}", CLUSTER, "externalchannels", "blocks", "get"),
            route("GET", EXTERNAL + "/{name}/transactions", CLUSTER, "externalchannels", "transactions", "get"),
            route("GET", EXTERNAL + "/{name}/transactions/{txId}", CLUSTER, "externalchannels", "transactions", "get"),
            route("GET", EXTERNAL + "/{name}/keys/{chaincode}/{key}/history", CLUSTER, "externalchannels", "keys", "get"),
            route("GET", EXTERNAL + "/{name}/keys/{chaincode}/history", CLUSTER, "externalchannels", "keys", "get"),
            route("GET", EXTERNAL + "/{name}/search", CLUSTER, "externalchannels", "search", "get"),
            route("GET", "/workspaces/{workspace}/auditlogs", WORKSPACE, "auditlogs", "", "list"),
            route("GET", "/workspaces/{workspace}/organizations", WORKSPACE, "organizations", "", "list"),
            route("POST", "/workspaces/{workspace}/organizations", WORKSPACE, "organizations", "", "create"),
            route("GET", ORGANIZATION, WORKSPACE, "organizations", "", "get"),
            route("DELETE", ORGANIZATION, WORKSPACE, "organizations", "", "delete"),
            route("GET", ORGANIZATION + "/identities", WORKSPACE, "organizations", "identities", "get"),
            route("POST", ORGANIZATION + "/identities", WORKSPACE, "organizations", "identities", "create"),
            route("POST", ORGANIZATION + "/revocations", WORKSPACE, "organizations", "revocations", "create"),
            // Exports are created (POST), not read: KubeSphere's viewer roles hold get on every resource.
            sensitive("POST", ORGANIZATION + "/identityexports/{identity}", WORKSPACE, "organizations", "identityexports", "create"),
            sensitive("POST", ORGANIZATION + "/mspexports", WORKSPACE, "organizations", "mspexports", "create"),
            sensitive("POST", ORGANIZATION + "/nodeexports/{identity}", WORKSPACE, "organizations", "nodeexports", "create"),
            route("GET", INVITATIONS, WORKSPACE, "invitations", "", "list"),
            route("POST", INVITATIONS, WORKSPACE, "invitations", "", "create"),
            route("GET", INVITATIONS + "/{invitation}", WORKSPACE, "invitations", "", "get"),
            route("DELETE", INVITATIONS + "/{invitation}", WORKSPACE, "invitations", "", "delete"),
            // Its own subresource: accepting can be granted apart from inviting.
            route("POST", INVITATIONS + "/{invitation}/decisions", WORKSPACE, "invitations", "decisions", "create"),
            route("GET", PEERS, NAMESPACE, "peers", "", "list"),
            route("POST", PEERS, NAMESPACE, "peers", "", "create"),
            route("GET", PEERS + "/{peer}", NAMESPACE, "peers", "", "get"),
            route("PUT", PEERS + "/{peer}", NAMESPACE, "peers", "", "update"),
            route("DELETE", PEERS + "/{peer}", NAMESPACE, "peers", "", "delete"),
            route("GET", PEERS + "/{peer}/events", NAMESPACE, "peers", "events", "get"),
            route("GET", PEERS + "/{peer}/logs", NAMESPACE, "peers", "logs", "get"),
            route("GET", PEERS + "/{peer}/metrics", NAMESPACE, "peers", "metrics", "get"),
            route("GET", PEERS + "/{peer}/health", NAMESPACE, "peers", "health", "get"),
            route("GET", ORDERERS, NAMESPACE, "orderers", "", "list"),
            route("GET", ORDERERS + "/{orderer}", NAMESPACE, "orderers", "", "get"),
            route("PUT", ORDERERS + "/{orderer}", NAMESPACE, "orderers", "", "update"),
            route("GET", ORDERERS + "/{orderer}/events", NAMESPACE, "orderers", "events", "get"),
            route("GET", ORDERERS + "/{orderer}/logs", NAMESPACE, "orderers", "logs", "get"),
            route("GET", ORDERERS + "/{orderer}/metrics", NAMESPACE, "orderers", "metrics", "get"),
            route("GET", ORDERERS + "/{orderer}/health", NAMESPACE, "orderers", "health", "get"),
            route("GET", "/namespaces/{namespace}/chaincodeservers/{server}/logs", NAMESPACE, "chaincodeservers", "logs", "get"),
            route("GET", "/namespaces/{namespace}/connectionprofiles/{organization}", NAMESPACE, "connectionprofiles", "", "get"),
            route("GET", CHANNELS, NAMESPACE, "channels", "", "list"),
            route("POST", CHANNELS, NAMESPACE, "channels", "", "create"),
            route("GET", CHANNELS + "/{channel}", NAMESPACE, "channels", "", "get"),
            route("GET", CHANNELS + "/{channel}/config", NAMESPACE, "channels", "config", "get"),
            route("GET", CHANNELS + "/{channel}/channeljoins", NAMESPACE, "channels", "channeljoins", "get"),
            route("POST", CHANNELS + "/{channel}/channeljoins", NAMESPACE, "channels", "channeljoins", "create"),
            route("GET", CHANNELS + "/{channel}/proposals", NAMESPACE, "channels", "proposals", "get"),
            route("POST", CHANNELS + "/{channel}/proposals", NAMESPACE, "channels", "proposals", "create"),
            route("GET", CHANNELS + "/{channel}/proposals/{proposal}", NAMESPACE, "channels", "proposals", "get"),
            route("GET", CHANNELS + "/{channel}/proposals/{proposal}/update", NAMESPACE, "channels", "proposals", "get"),
            // Its own subresource: signing for an organization (with its held admin key) is granted apart from proposing, and
            // like exports only to admins by default.
            signing("POST", CHANNELS + "/{channel}/proposalsignatures", NAMESPACE, "channels", "proposalsignatures", "create"),
            route("GET", CHANNELS + "/{channel}/chaincodes", NAMESPACE, "channels", "chaincodes", "get"),
            route("POST", CHANNELS + "/{channel}/chaincodes", NAMESPACE, "channels", "chaincodes", "create"),
            route("GET", CHANNELS + "/{channel}/chaincodes/{chaincode}", NAMESPACE, "channels", "chaincodes", "get"),
            // Calling a chaincode as oneself: submitting writes (operators and admins); evaluating writes nothing (viewers too).
            route("POST", CHANNELS + "/{channel}/chaincodesubmissions", NAMESPACE, "channels", "chaincodesubmissions", "create"),
            verifying("POST", CHANNELS + "/{channel}/chaincodeevaluations", NAMESPACE, "channels", "chaincodeevaluations", "create"),
            route("GET", CHANNELS + "/{channel}/chaincodeapprovals", NAMESPACE, "channels", "chaincodeapprovals", "get"),
            // Approving for the organization lets the platform sign the approval with its held admin: admins only by default.
            signing("POST", CHANNELS + "/{channel}/chaincodeapprovals", NAMESPACE, "channels", "chaincodeapprovals", "create"),
            route("GET", CHANNELS + "/{channel}/builtinapps", NAMESPACE, "channels", "builtinapps", "get"),
            route("POST", CHANNELS + "/{channel}/builtinapps", NAMESPACE, "channels", "builtinapps", "create"),
            route("GET", EVIDENCES, NAMESPACE, "channels", "evidences", "get"),
            route("POST", EVIDENCES, NAMESPACE, "channels", "evidences", "create"),
            route("GET", EVIDENCES + "/{evidence}", NAMESPACE, "channels", "evidences", "get"),
            route("GET", EVIDENCES + "/{evidence}/history", NAMESPACE, "channels", "evidences", "get"),
            route("GET", EVIDENCES + "/{evidence}/receipt", NAMESPACE, "channels", "evidences", "get"),
            route("GET", EVIDENCES + "/{evidence}/certificate", NAMESPACE, "channels", "evidences", "get"),
            // Its own subresource, a create that writes nothing: viewers verify without being able to notarize.
            verifying("POST", CHANNELS + "/{channel}/evidenceverifications", NAMESPACE, "channels", "evidenceverifications", "create"),
            route("GET", CHANNELS + "/{channel}/statistics", NAMESPACE, "channels", "statistics", "get"),
            route("GET", CHANNELS + "/{channel}/blocks", NAMESPACE, "channels", "blocks", "get"),
            route("GET", CHANNELS + "/{channel}/blocks/{number}", NAMESPACE, "channels", "blocks", "get"),
            route("GET", CHANNELS + "/{channel}/transactions", NAMESPACE, "channels", "transactions", "get"),
            route("GET", CHANNELS + "/{channel}/transactions/{txId}", NAMESPACE, "channels", "transactions", "get"),
            route("GET", CHANNELS + "/{channel}/keys/{chaincode}/{key}/history", NAMESPACE, "channels", "keys", "get"),
            route("GET", CHANNELS + "/{channel}/keys/{chaincode}/history", NAMESPACE, "channels", "keys", "get"),
            route("GET", CHANNELS + "/{channel}/search", NAMESPACE, "channels", "search", "get"),
            route("GET", ASSETS, NAMESPACE, "channels", "assets", "get"),
            route("GET", ASSETS + "/balances", NAMESPACE, "channels", "assets", "get"),
            route("GET", ASSETS + "/movements", NAMESPACE, "channels", "assets", "get"),
            route("GET", ASSETS + "/events", NAMESPACE, "channels", "assets", "get"),
            route("POST", ASSETS + "/issuances", NAMESPACE, "channels", "assets", "create"),
            route("POST", ASSETS + "/transfers", NAMESPACE, "channels", "assets", "create"),
            route("GET", APPLICATIONS, NAMESPACE, "applications", "", "list"),
            route("POST", APPLICATIONS, NAMESPACE, "applications", "", "create"),
            route("GET", APPLICATIONS + "/{application}", NAMESPACE, "applications", "", "get"),
            route("PUT", APPLICATIONS + "/{application}", NAMESPACE, "applications", "", "update"),
            route("DELETE", APPLICATIONS + "/{application}", NAMESPACE, "applications", "", "delete"),
            route("GET", APPLICATIONS + "/{application}/usage", NAMESPACE, "applications", "usage", "get"),
            route("GET", APPLICATIONS + "/{application}/webhooks", NAMESPACE, "applications", "webhooks", "get"),
            route("POST", APPLICATIONS + "/{application}/webhooks", NAMESPACE, "applications", "webhooks", "create"),
            route("GET", APPLICATIONS + "/{application}/webhooks/{webhook}", NAMESPACE, "applications", "webhooks", "get"),
            route("DELETE", APPLICATIONS + "/{application}/webhooks/{webhook}", NAMESPACE, "applications", "webhooks", "delete"),
            route("POST", APPLICATIONS + "/{application}/webhooks/{webhook}/replays", NAMESPACE, "applications", "webhooks", "create"),
            route("GET", APPLICATIONS + "/{application}/webhooks/{webhook}/deadletters", NAMESPACE, "applications", "webhooks", "get"),
            // Its own subresource: a key is a credential that signs in the organization's name, so like exports its making,
            // disabling and deleting are admins' only by default (one template; a role granted it may make keys).
            sensitive("POST", APPLICATIONS + "/{application}/keys", NAMESPACE, "applications", "keys", "create"),
            sensitive("PUT", APPLICATIONS + "/{application}/keys/{accessKey}", NAMESPACE, "applications", "keys", "update"),
            sensitive("DELETE", APPLICATIONS + "/{application}/keys/{accessKey}", NAMESPACE, "applications", "keys", "delete"),
            route("GET", "/workspaces/{workspace}/notifications", WORKSPACE, "notifications", "", "list"),
            route("GET", PACKAGES, WORKSPACE, "chaincodepackages", "", "list"),
            route("GET", PACKAGES + "/{chaincode}", WORKSPACE, "chaincodepackages", "", "get"),
            route("POST", PACKAGES + "/{chaincode}/versions", WORKSPACE, "chaincodepackages", "versions", "create"),
            route("GET", VERSION, WORKSPACE, "chaincodepackages", "versions", "get"),
            route("DELETE", VERSION, WORKSPACE, "chaincodepackages", "versions", "delete"),
            route("GET", VERSION + "/package", WORKSPACE, "chaincodepackages", "versions", "get"),
            route("PUT", VERSION + "/jar", WORKSPACE, "chaincodepackages", "versions", "update"),
            route("GET", VERSION + "/jar", WORKSPACE, "chaincodepackages", "versions", "get"),
            // Its own subresource: reviewing (合约审计) is granted apart from uploading.
            route("POST", PACKAGES + "/{chaincode}/reviews", WORKSPACE, "chaincodepackages", "reviews", "create"));

    private PermissionTable() {
    }

    public static Optional<RoutePermission> find(String method, String pathTemplate) {
        return ROUTES.stream().filter(r -> r.method().equals(method) && r.path().equals(pathTemplate)).findFirst();
    }

    private static RoutePermission route(String method, String path, ResourceScope scope, String resource,
                                         String subresource, String verb) {
        return new RoutePermission(method, PREFIX + path, scope, resource, subresource, verb, RoutePermission.Sensitivity.NONE);
    }

    private static RoutePermission sensitive(String method, String path, ResourceScope scope, String resource,
                                             String subresource, String verb) {
        return new RoutePermission(method, PREFIX + path, scope, resource, subresource, verb, RoutePermission.Sensitivity.EXPORTS_SECRETS);
    }

    private static RoutePermission signing(String method, String path, ResourceScope scope, String resource,
                                           String subresource, String verb) {
        return new RoutePermission(method, PREFIX + path, scope, resource, subresource, verb, RoutePermission.Sensitivity.SIGNS_WITH_HELD_KEY);
    }

    private static RoutePermission verifying(String method, String path, ResourceScope scope, String resource,
                                             String subresource, String verb) {
        return new RoutePermission(method, PREFIX + path, scope, resource, subresource, verb, RoutePermission.Sensitivity.WRITES_NOTHING);
    }

    /** Is this request one of the sensitive routes (by what ks-apiserver derives, as the audit sees it)? */
    public static boolean isSensitive(String method, ResourceScope scope, String qualifiedResource) {
        return ROUTES.stream().anyMatch(r -> r.sensitive() && r.method().equals(method) && r.scope() == scope
                && r.qualifiedResource().equals(qualifiedResource));
    }
}
