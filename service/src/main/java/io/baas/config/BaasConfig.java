package io.baas.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Typed configuration of the service, everything under {@code baas.*}. */
@ConfigMapping(prefix = "baas")
public interface BaasConfig {

    Kubernetes kubernetes();

    Iam iam();

    Database database();

    Api api();

    Pki pki();

    Platform platform();

    Reconcile reconcile();

    Namespaces namespaces();

    Runtime runtime();

    Host host();

    Consortia consortia();

    Gateway gateway();

    Organizations organizations();

    Repository repository();

    Apps apps();

    Explorer explorer();

    OpenApi openApi();

    Monitoring monitoring();

    /**
     * Monitoring the Fabric nodes (docs/kubernetes.md, "Monitoring"): what the Prometheus Operator
     * gets for them (one ServiceMonitor per consortium namespace, written only where the cluster has
     * the ServiceMonitor kind), and the Prometheus their metrics over time are read from.
     */
    interface Monitoring {
        /**
         * The Prometheus that scrapes the nodes, for their metrics over time (KubeSphere's:
         * {@code http://prometheus-k8s.kubesphere-monitoring-system.svc:9090/}); unset, those routes answer 503.
         */
        Optional<java.net.URI> prometheusUrl();

        /** Write the nodes' ServiceMonitors and KubeSphere project Dashboards (each where the cluster has its kind). */
        @WithDefault("true")
        boolean nodeServiceMonitors();

        /**
         * Labels on the nodes' ServiceMonitors, for a Prometheus whose serviceMonitorSelector wants
         * some. KubeSphere's selects every ServiceMonitor, so none by default; a key with dots is
         * written quoted ({@code baas.monitoring.service-monitor-labels."app.kubernetes.io/part-of"=x}).
         */
        Map<String, String> serviceMonitorLabels();

        /** How often Prometheus scrapes each node's metrics. */
        @WithDefault("30s")
        String scrapeInterval();
    }

    /** The block explorer's index of every channel (io.baas.explorer). */
    interface Explorer {
        /** Whether this replica indexes channels (one replica at a time per channel; the index is read either way). */
        @WithDefault("true")
        boolean enabled();

        /** How often the channels to index are looked for, and a stopped indexer (peer or database down) is started again. */
        @WithDefault("10s")
        Duration discoveryInterval();

        /** At most this many blocks, and about this many transactions, are written in one database transaction. */
        @WithDefault("1000")
        int maxBatchBlocks();

        @WithDefault("20000")
        int maxBatchTransactions();

        /** Blocks decoded and verified ahead of the writer, at most. */
        @WithDefault("2000")
        int readAhead();

        /** The bytes of those blocks, at most (64 MiB): what bounds the read-ahead when blocks are large. */
        @WithDefault("67108864")
        long readAheadBytes();

        /**
         * How many of a channel's newest blocks keep their payload (the block as delivered, from
         * which transaction details are decoded); older ones keep their header, transactions and
         * keys only. Config blocks always keep theirs (re-indexing needs the config in force).
         * Absent: every payload is kept.
         */
        java.util.OptionalLong keepPayloadBlocks();
    }

    /**
     * The open API for applications ({@code /openapi/v1}, io.baas.openapi): requests signed with an
     * application's access key, on a port of their own that serves nothing else.
     */
    interface OpenApi {
        @WithDefault("true")
        boolean enabled();

        /** The open API's own port; 0 picks a free one (tests). */
        @WithDefault("8090")
        int port();

        @WithDefault("0.0.0.0")
        String host();

        /** The largest body a signed request may carry, in bytes (a notarized document is one). */
        @WithDefault("16777216")
        long maxBodyBytes();

        /** How far a request's signed time may lie from the service's clock; its nonce is remembered this long after it. */
        @WithDefault("5m")
        Duration clockSkew();

        /** An application's rate limit unless it names its own: requests per second, and the burst it may spend at once. */
        @WithDefault("10")
        double defaultRequestsPerSecond();

        @WithDefault("20")
        int defaultBurst();

        /** The highest rate and burst an organization may give one of its applications. */
        @WithDefault("1000")
        double maxRequestsPerSecond();

        @WithDefault("2000")
        int maxBurst();

        Webhooks webhooks();

        /** Applications' webhooks: chaincode events delivered by POST, in block order, at least once. */
        interface Webhooks {
            @WithDefault("true")
            boolean enabled();

            /** How often each replica looks for webhooks with events to deliver. */
            @WithDefault("1s")
            Duration pollInterval();

            /**
             * How long a webhook whose channel had no new block rests before its next look: each look
             * reads the ledger with the application's held key (a key use on record).
             */
            @WithDefault("5s")
            Duration idlePollInterval();

            /** Failed attempts at one event before it goes to the dead letters and delivery moves on. */
            @WithDefault("8")
            int maxAttempts();

            /** The wait after a first failure, doubled after each further one up to {@code maxRetryDelay}. */
            @WithDefault("1s")
            Duration firstRetryDelay();

            @WithDefault("5m")
            Duration maxRetryDelay();

            /** How long a receiver may take to answer one delivery. */
            @WithDefault("10s")
            Duration timeout();

            /** Plain http:// receivers too (dev mode and tests); otherwise https:// only. */
            @WithDefault("false")
            boolean allowHttp();
        }
    }

    /** The business apps: notarization (存证) and asset transfer. */
    interface Apps {
        /**
         * Largest document a notarization or verification takes as its body, in bytes: it is hashed
         * as it streams and never stored, so this bounds only the time a request holds a worker.
         * Vert.x's own bound ({@code quarkus.http.limits.max-body-size}) must not be lower.
         */
        @WithDefault("104857600")
        long maxDocumentBytes();

        /**
         * How long a user's resolved call route (the channel's ID, the organization's peer, the
         * user's held identity) is reused before it is read again from Kubernetes and PostgreSQL:
         * a revoked identity, a channel left or a peer replaced reach calls within this. 0 reads
         * them on every call.
         */
        @WithDefault("5s")
        Duration routeCacheTtl();
    }

    /** The chaincode repository (链码仓库). */
    interface Repository {
        /** Largest package, and largest jar, an upload takes, in bytes (Fabric's default gRPC limit); larger ones get 413. */
        @WithDefault("104857600")
        long maxPackageBytes();

        /** Uploads read at once: each is held in memory while it is checked and stored; more wait, up to uploadWait. */
        @WithDefault("2")
        int concurrentUploads();

        /** How long an upload waits for its turn before it is answered 503. */
        @WithDefault("30s")
        Duration uploadWait();
    }

    interface Organizations {
        /**
         * An organization create claims its name and MSP ID in PostgreSQL first; a claim another
         * replica left pending is taken over after this, far longer than a create takes.
         */
        @WithDefault("2m")
        Duration claimLease();
    }

    /** Deadlines of the service's calls through a peer's Gateway (chaincode lifecycle), and retries of calls that changed nothing. */
    interface Gateway {
        /** A query (evaluate) gives up after this. */
        @WithDefault("5s")
        Duration evaluateTimeout();

        /** Collecting endorsements gives up after this. */
        @WithDefault("15s")
        Duration endorseTimeout();

        /** Handing the endorsed transaction to the orderers gives up after this. */
        @WithDefault("5s")
        Duration submitTimeout();

        /** Waiting for the transaction's validation in a block gives up after this. */
        @WithDefault("1m")
        Duration commitStatusTimeout();

        /** Tries of a call that found no peer and cannot have changed anything (evaluate, endorse before submit). */
        @WithDefault("3")
        int attempts();

        /** Pause between those tries. */
        @WithDefault("500ms")
        Duration retryPause();
    }

    interface Consortia {
        /** How long an invitation into a consortium may be accepted or rejected. */
        @WithDefault("7d")
        Duration invitationTtl();

        /** How long a channel proposal collects decisions before it Expires. */
        @WithDefault("7d")
        Duration proposalTtl();
    }

    interface Reconcile {
        /** Run the reconcilers (only the replica holding the Lease does). */
        @WithDefault("true")
        boolean enabled();

        /**
         * End the process when the reconciler Lease is lost, so Kubernetes restarts the pod and it
         * campaigns again (the controller runtime never re-acquires a lost Lease by itself).
         */
        @WithDefault("true")
        boolean exitOnLostLease();

        /** How long a Lease holder is trusted without renewing; another replica takes over after it. */
        @WithDefault("15s")
        Duration leaseDuration();

        /** The holder gives up leading when it could not renew for this long (less than the duration). */
        @WithDefault("10s")
        Duration leaseRenewDeadline();

        /** How often the Lease is renewed, and how often a follower tries to take it. */
        @WithDefault("2s")
        Duration leaseRetryPeriod();

        /** Passes of different objects that may run at the same time. */
        @WithDefault("8")
        int threads();

        /** Every resource is looked at again at least this often, changed or not. */
        @WithDefault("10m")
        Duration resync();

        /** The first retry of a failed pass; each next waits twice as long, up to retry-max. */
        @WithDefault("1s")
        Duration retryInitial();

        /** The longest wait between retries of a failing pass (retries never stop). */
        @WithDefault("5m")
        Duration retryMax();

        /** At shutdown, how long passes under way may take to finish (their Fabric calls give up after 30 s). */
        @WithDefault("35s")
        Duration shutdownGrace();

        /** A call to an orderer's or a peer's admin service (channel join, config, Deliver) gives up after this. */
        @WithDefault("20s")
        Duration adminTimeout();

        /** One chaincode lifecycle step (install, approve, commit) through the peers' Gateway gives up after this. */
        @WithDefault("30s")
        Duration lifecycleTimeout();

        /** While a channel's or a chaincode's peers are still starting, look again after this. */
        @WithDefault("10s")
        Duration peerRetry();

        /** While organizations' consents to approve a chaincode are missing, look again after this. */
        @WithDefault("30s")
        Duration consentRetry();

        /** While a consortium still lists a deleted organization, look again after this. */
        @WithDefault("5s")
        Duration inUseRetry();
    }

    /** What the platform team chooses for every network: images, versions, storage, resources. */
    interface Platform {
        /** Registry and organization of the Fabric images (<registry>/fabric-peer:<version>). */
        @WithDefault("hyperledger")
        String imageRegistry();

        @WithDefault("2.5.5")
        String fabricVersion();

        @WithDefault("couchdb:3.3.3")
        String couchdbImage();

        /** StorageClass of ledgers; empty means the cluster's default class. */
        Optional<String> storageClassName();

        @WithDefault("10Gi")
        String peerStorageSize();

        @WithDefault("10Gi")
        String ordererStorageSize();

        @WithDefault("100m")
        String nodeCpuRequest();

        @WithDefault("256Mi")
        String nodeMemoryRequest();

        @WithDefault("2")
        String nodeCpuLimit();

        @WithDefault("2Gi")
        String nodeMemoryLimit();

        /** Where KubeSphere's Prometheus runs; admitted to the nodes' operations ports. */
        @WithDefault("kubesphere-monitoring-system")
        String monitoringNamespace();

        @WithDefault("cluster.local")
        String clusterDomain();

        /**
         * Serve the nodes' operations endpoints (health, metrics) over TLS with each node's TLS
         * certificate; probes and Prometheus then use HTTPS.
         */
        @WithDefault("false")
        boolean operationsTls();

        /** CCaaS server image of the built-in chaincodes (notarization, asset transfer). */
        @WithDefault("kubesphere/ks-baas-chaincodes:0.1.0")
        String chaincodeImage();

        @WithDefault("50m")
        String chaincodeCpuRequest();

        @WithDefault("128Mi")
        String chaincodeMemoryRequest();

        @WithDefault("1")
        String chaincodeCpuLimit();

        @WithDefault("512Mi")
        String chaincodeMemoryLimit();

        /** A peer's CouchDB sidecar: without requests and limits a namespace quota with no LimitRange refuses the pod. */
        @WithDefault("100m")
        String couchdbCpuRequest();

        @WithDefault("256Mi")
        String couchdbMemoryRequest();

        @WithDefault("1")
        String couchdbCpuLimit();

        @WithDefault("1Gi")
        String couchdbMemoryLimit();
    }

    /** The consortium namespaces the service creates. */
    interface Namespaces {
        /**
         * The Pod Security Standard they enforce (label pod-security.kubernetes.io/enforce):
         * restricted, baseline, privileged, or none for no label.
         */
        @WithDefault("restricted")
        PodSecurityLevel podSecurity();
    }

    /** Where the nodes run (docs/architecture.md). */
    interface Runtime {
        /**
         * kubernetes: StatefulSets and Services in the consortium namespaces. sandbox: in-process
         * Fabric-compatible nodes on loopback (dev mode and tests; ledgers in memory).
         */
        @WithDefault("kubernetes")
        RuntimeKind nodes();

        /** sandbox: the directory of chaincode jars that sandbox packages name; a fresh temporary one when unset. */
        Optional<java.nio.file.Path> sandboxChaincodeJars();

        /**
         * sandbox: where nodes keep their blocks and installed packages, so a restarted service finds
         * its ledgers (useful against a real cluster, whose resources and identities outlive the
         * service); unset: in memory.
         */
        Optional<java.nio.file.Path> sandboxDataDir();
    }

    /** The host runtime ({@code baas.runtime.nodes=host}, docs/host-runtime.md). */
    interface Host {
        /** A Fabric 2.5 release: {@code bin/peer}, {@code bin/orderer}, {@code builders/ccaas}, {@code config/} (env FABRIC_HOME). */
        Optional<java.nio.file.Path> fabricHome();

        /** Each node's working directory ({@code <dir>/<namespace>/<kind>-<name>}): its files, ledger and log. */
        Optional<java.nio.file.Path> dataDir();

        /** The address nodes listen on and announce. */
        @WithDefault("127.0.0.1")
        String address();

        /** Nodes' ports are taken from this range; a port already in use is skipped. */
        @WithDefault("20000")
        int firstPort();

        @WithDefault("20999")
        int lastPort();

        /**
         * Must be true to use the host runtime: every organization's keys and every chaincode run
         * as processes beside the service, so it is for one trusted tenant.
         */
        @WithDefault("false")
        boolean singleTenant();

        /** How a peer is started; default {@code <fabric-home>/bin/peer node start}. */
        Optional<java.util.List<String>> peerCommand();

        /** How an orderer is started; default {@code <fabric-home>/bin/orderer}. */
        Optional<java.util.List<String>> ordererCommand();

        /**
         * How a chaincode server's jar is started, the jar's path appended; default the service's
         * own {@code java -Xmx256m -XX:+UseSerialGC -jar}.
         */
        Optional<java.util.List<String>> chaincodeCommand();

        /**
         * The system user chaincode servers run as, apart from the service's user (who holds the
         * nodes' keys); needs the service to run as root. Default: the service's user.
         */
        Optional<String> chaincodeUser();

        /** Stop the nodes when the service stops; by default they keep running and are adopted at the next start. */
        @WithDefault("false")
        boolean stopNodesOnShutdown();
    }

    interface Pki {
        /** Certificates are renewed (same key) once they expire within this window. */
        @WithDefault("30d")
        Duration renewalWindow();

        /**
         * The built-in organization CAs are renewed (same keys) once they expire within this window.
         * Longer than an identity's validity (365 days), so no identity is ever cut short by its CA.
         */
        @WithDefault("400d")
        Duration caRenewalWindow();

        /** How often certificates are checked for renewal and the expiry gauge refreshed. */
        @WithDefault("1h")
        Duration checkInterval();

        /** A call to an organization's external Fabric CA (enroll, register, revoke) gives up after this. */
        @WithDefault("10s")
        Duration fabricCaTimeout();
    }

    interface Kubernetes {
        /**
         * Run against an embedded in-memory Kubernetes API instead of a cluster. Unset means: in dev and
         * test mode, embedded when no kubeconfig and no in-cluster configuration exist; in prod, never.
         */
        Optional<Boolean> embedded();

        /**
         * Seed the embedded API in the background, so the HTTP port opens at once; readiness waits
         * for the seed. Off in tests, which call the API as soon as the application has started.
         */
        @WithDefault("true")
        boolean embeddedSeedInBackground();

        /**
         * The loopback port of the embedded API; 0 picks a free one. Dev mode fixes it (18080) so
         * bin/ks-dev-workspace can add workspaces and users to it as KubeSphere's console would.
         */
        @WithDefault("0")
        int embeddedPort();

        /** The namespace the service itself runs in; CA keys and its own Secrets live here. */
        @WithDefault("kubesphere-system")
        String namespace();
    }

    interface Iam {
        /**
         * KubeSphere's jwtSecret. When unset, it is read from the cluster (ConfigMap
         * kubesphere-system/kubesphere-config, then Secret kubesphere-system/kubesphere-secret) and
         * followed when it changes.
         */
        Optional<String> jwtSecret();

        /** Confirm every token with ks-apiserver's TokenReview endpoint, so logged-out tokens fail. */
        @WithDefault("false")
        boolean tokenReview();

        /** A TokenReview with ks-apiserver (connect and answer) gives up after this; the request gets 401. */
        @WithDefault("10s")
        Duration tokenReviewTimeout();

        /** Base URL of ks-apiserver, for TokenReview. */
        @WithDefault("http://ks-apiserver.kubesphere-system.svc")
        String apiserverUrl();

        /** Trust X-Remote-User from the proxy (only behind a NetworkPolicy admitting ks-apiserver alone). */
        @WithDefault("false")
        boolean trustProxyHeaders();

        /** Clock skew tolerated on iat and nbf (exp is strict, as in KubeSphere). */
        @WithDefault("10s")
        Duration clockSkew();

        /** Which KubeSphere generation's IAM objects to read; detected from the API when unset. */
        Optional<KubeSphereVersion> kubesphereVersion();
    }

    interface Database {
        /** Pause between attempts to reach PostgreSQL and migrate it. */
        @WithDefault("5s")
        Duration retryInterval();

        /** Create the database when PostgreSQL says it does not exist (dev and test convenience). */
        @WithDefault("false")
        boolean createIfMissing();
    }

    interface Api {
        /** Largest request body accepted on /kapis, in bytes; larger ones get 413. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** Longest request target (path and query) accepted, in bytes; longer ones get 414. */
        @WithDefault("8192")
        int maxRequestTargetBytes();

        /** Largest total size of the request's headers, in bytes; larger ones get 431. */
        @WithDefault("32768")
        int maxHeaderBytes();
    }
}
