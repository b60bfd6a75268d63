package io.baas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.dev.EmbeddedSeed;
import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.k8s.KubeSphereKind;
import io.baas.support.KubeSphereFixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Notarization through the service's REST API ({@code POST .../channels/{ch}/evidences}) against
 * the same transaction submitted with the official fabric-gateway client straight to the
 * organization's peer, on one two-organization channel of the packaged service in embedded mode
 * with the sandbox node runtime (its peers and orderer run in the service's JVM, so both paths
 * cost that process). The channel, its organizations and the notarization app are made through
 * the REST API as tenants make them; users and workspaces go into the embedded Kubernetes API as
 * KubeSphere's console would. For 1, 16 and 64 concurrent clients each path reports notarizations
 * per second, p50 and p99 latency, and CPU per request (the service process from /proc plus this
 * process), then the REST/direct ratios; then {@value #TARGET_PAIRS} more pairs of rounds at 16
 * clients, whose median ratios are judged against the target (REST at most 10% above direct). Run
 * by {@code bench/notarization.sh}; exits 0 whether the target is met or not. See docs/benchmarks.md.
 */
public final class NotarizationBenchmark {

    private NotarizationBenchmark() {
    }

    static final String DATABASE = "baas_bench";
    static final int[] CLIENTS = {1, 16, 64};
    static final int WARM_UP_CLIENTS = 16;
    static final int TARGET_CLIENTS = 16;
    static final double TARGET_RATIO = 1.10;
    /**
     * Rounds of both paths at the target concurrency after the table, REST first and direct first
     * in turn: one round per path drifted with the machine by more than the 10% judged (the direct
     * path alone did 328 to 411 per second from run to run), so the target is judged on the
     * medians of the pairs' ratios.
     */
    static final int TARGET_PAIRS = 4;
    static final String BATCH_TIMEOUT = "50ms";
    /** Bounds only against a service that never gets there: each step goes on as soon as it is done. */
    static final Duration BOUND = Duration.ofMinutes(5);



    /** One notarization; false (with the reason kept) when it was refused. */
    interface Notarizer {
        boolean notarize(String digest, List<String> errors) throws Exception;
    }

    /** CPU used so far: the service process, this process, the database's backends of {@link #DATABASE} (by pid). */
    record Cpu(long serviceNanos, long benchNanos, Map<Long, Long> databaseNanos) {
    }

    record Result(String path, int clients, long requests, long errors, double seconds, long p50, long p99, long cpuNanos,
                  long benchNanos, long databaseNanos) {

        double perSecond() {
            return requests / seconds;
        }

        double cpuMicros() {
            return cpuNanos / 1000.0 / requests;
        }

        double benchMicros() {
            return benchNanos / 1000.0 / requests;
        }

        double databaseMicros() {
            return databaseNanos / 1000.0 / requests;
        }
    }

    public static void main(String[] args) throws Exception {
        Duration measured = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 30);
        long clockTicks = clockTicks();
        int openApiPort = PackagedService.freePort();
        // The nodes keep their blocks in files, as Fabric's do: in memory, tens of thousands of notarizations outgrow the heap.
        java.nio.file.Path nodes = Files.createTempDirectory("ks-baas-benchmark-nodes");
        PackagedService service = PackagedService.start(DATABASE, Map.of("BAAS_RUNTIME_NODES", "sandbox",
                "BAAS_RUNTIME_SANDBOX_DATA_DIR", nodes.toString(), "BAAS_OPEN_API_PORT", String.valueOf(openApiPort)));
        Thread stopper = new Thread(service::stop);
        Runtime.getRuntime().addShutdownHook(stopper);
        try (Connection database = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            run(service, openApiPort, measured, warmUp, clockTicks, database);
        } catch (Exception | Error e) {
            System.out.println("--- the service's log, last lines ---");
            List<String> lines = Files.readAllLines(service.log());
            lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
            throw e;
        } finally {
            service.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        Files.deleteIfExists(service.log()); // kept when the run fails
        io.baas.runtime.DirectoryTrees.delete(nodes);
        System.exit(0);
    }

    private static void run(PackagedService service, int openApiPort, Duration measured, Duration warmUp, long clockTicks, Connection database)
            throws Exception {
        String run = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt()});
        String lead = "lead" + run;
        String member = "member" + run;
        String leadWorkspace = "nb-lead-" + run;
        String memberWorkspace = "nb-member-" + run;
        String consortium = "nb" + run;
        // Consents (PostgreSQL) outlive the embedded API and name the channel: its own each run.
        String channel = "notary-" + run;
        String leadNamespace = consortium + "-" + lead;
        String memberNamespace = consortium + "-" + member;
        String leadAdmin = leadWorkspace + "-admin";
        String memberAdmin = memberWorkspace + "-admin";

        long setupStarted = System.nanoTime();
        tenants(service, Map.of(leadWorkspace, leadAdmin, memberWorkspace, memberAdmin));
        for (String[] org : new String[][] {{lead, leadWorkspace, leadAdmin, "Lead"}, {member, memberWorkspace, memberAdmin, "Member"}}) {
            expect(service.call(org[2], "POST", "/workspaces/" + org[1] + "/organizations", Map.of("name", org[0],
                    "mspId", org[3] + run + "MSP", "domain", org[0] + ".example.com")), 201);
            await("organization " + org[0] + " Ready", () -> {
                PackagedService.Answer answer = service.call(org[2], "GET", "/workspaces/" + org[1] + "/organizations/" + org[0], null);
                return answer.status() == 200 && "Ready".equals(answer.body().path("status").path("phase").asText())
                        && answer.body().path("status").hasNonNull("caCertificate");
            });
        }
        expect(service.call(leadAdmin, "POST", "/workspaces/" + leadWorkspace + "/consortia", Map.of("name", consortium,
                "organization", lead, "orderers", 1, "peersPerMember", 1)), 201);
        String invitation = expect(service.call(leadAdmin, "POST", "/workspaces/" + leadWorkspace + "/invitations", Map.of(
                "consortium", consortium, "organization", member, "workspace", memberWorkspace)), 201).path("id").asText();
        expect(service.call(memberAdmin, "POST", "/workspaces/" + memberWorkspace + "/invitations/" + invitation + "/decisions",
                Map.of("decision", "Accept")), 200);
        expect(service.call(leadAdmin, "POST", "/namespaces/" + leadNamespace + "/channels", Map.of("name", channel,
                "organizations", List.of(lead, member), "batch", Map.of("timeout", BATCH_TIMEOUT))), 201);
        String channelPath = "/namespaces/" + leadNamespace + "/channels/" + channel;
        await("channel " + channel + " Ready with both peers joined", () -> {
            JsonNode status = service.call(leadAdmin, "GET", channelPath, null).body().path("status");
            List<String> joined = new ArrayList<>();
            status.path("peersJoined").forEach(p -> joined.add(p.asText()));
            return "Ready".equals(status.path("phase").asText()) && joined.containsAll(List.of(lead + "/peer0", member + "/peer0"));
        });
        JsonNode spec = service.call(leadAdmin, "GET", channelPath, null).body().path("spec");
        String channelId = spec.path("channelId").asText(channel);
        System.out.printf("channel %s (Fabric channel ID %s): batch %s%n", channel, channelId, spec.path("batch"));

        // The notarization app, enabled by the member and approved by both organizations' admins.
        String memberChannel = "/namespaces/" + memberNamespace + "/channels/" + channel;
        expect(service.call(memberAdmin, "POST", memberChannel + "/builtinapps", Map.of("app", "notarization")), 201);
        approve(service, leadAdmin, channelPath);
        approve(service, memberAdmin, memberChannel);
        await("the notarization app Ready", () -> {
            for (JsonNode app : service.call(memberAdmin, "GET", memberChannel + "/builtinapps", null).body().path("items")) {
                if ("notarization".equals(app.path("app").asText()) && "Ready".equals(app.path("state").asText())) {
                    return true;
                }
            }
            return false;
        });

        // What an application's developer takes from the service: a client identity, the peer's endpoint and TLS CA.
        String organizationPath = "/workspaces/" + memberWorkspace + "/organizations/" + member;
        expect(service.call(memberAdmin, "POST", organizationPath + "/identities", Map.of("name", "bench-app", "role", "client")), 201);
        JsonNode wallet = expect(service.call(memberAdmin, "POST", organizationPath + "/identityexports/bench-app", null), 200);
        JsonNode gatewayInfo = expect(service.call(memberAdmin, "GET", "/namespaces/" + memberNamespace + "/connectionprofiles/" + member, null),
                200).path("gateway");
        System.out.printf("set up through the API in %d s; the member's peer at %s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - setupStarted), gatewayInfo.path("endpoint").asText());

        ManagedChannel grpc = Grpc.newChannelBuilder(gatewayInfo.path("endpoint").asText(), TlsChannelCredentials.newBuilder()
                        .trustManager(new ByteArrayInputStream(gatewayInfo.path("tlsCaCertificate").asText().getBytes(StandardCharsets.UTF_8)))
                        .build())
                .overrideAuthority(gatewayInfo.path("hostnameOverride").asText())
                .build();
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(wallet.path("mspId").asText(), Identities.readX509Certificate(wallet.path("certificate").asText())))
                .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(wallet.path("privateKey").asText())))
                .hash(Hash.SHA256)
                .connection(grpc)
                // The service's own deadlines (baas.gateway.*).
                .evaluateOptions(CallOption.deadlineAfter(5, TimeUnit.SECONDS))
                .endorseOptions(CallOption.deadlineAfter(15, TimeUnit.SECONDS))
                .submitOptions(CallOption.deadlineAfter(5, TimeUnit.SECONDS))
                .commitStatusOptions(CallOption.deadlineAfter(1, TimeUnit.MINUTES))
                .connect()) {
            Contract contract = gateway.getNetwork(channelId).getContract("notarization");
            URI evidences = URI.create(service.url(PackagedService.API + memberChannel + "/evidences"));
            String bearer = "Bearer " + PackagedService.token(memberAdmin);
            KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", evidences.getPort());
            Map<String, String> restHeaders = Map.of("Authorization", bearer, "Content-Type", "application/json");
            Notarizer rest = (digest, errors) -> {
                KeepAliveHttp.Answer answer = http.send("POST", evidences.getRawPath(), restHeaders, ("{\"hashAlgorithm\":\"SHA-256\","
                        + "\"digest\":\"" + digest + "\",\"title\":\"bench\",\"metadata\":\"\"}").getBytes(StandardCharsets.UTF_8));
                if (answer.status() != 201) {
                    errors.add(answer.status() + " " + answer.body());
                    return false;
                }
                return true;
            };
            // An application of the member's with a key, signing each request (docs/open-api.md); its rate limit out of the way.
            String applications = "/namespaces/" + memberNamespace + "/applications";
            expect(service.call(memberAdmin, "POST", applications, Map.of("name", "bench", "scopes", List.of(Map.of("channel", channel,
                    "app", "notarization", "operations", List.of("notarize"))), "rateLimit", Map.of("requestsPerSecond", 1000, "burst", 2000))),
                    201);
            JsonNode key = expect(service.call(memberAdmin, "POST", applications + "/bench/keys", null), 201);
            io.baas.openapi.OpenApiClient signer = new io.baas.openapi.OpenApiClient(URI.create("http://127.0.0.1:" + openApiPort),
                    key.path("accessKeyId").asText(), key.path("secret").asText());
            String openEvidences = "/openapi/v1" + memberChannel + "/evidences";
            KeepAliveHttp openHttp = new KeepAliveHttp("127.0.0.1", openApiPort);
            Notarizer open = (digest, errors) -> {
                io.baas.openapi.OpenApiClient.Signed signed = signer.sign("POST", openEvidences, "application/json", ("{\"hashAlgorithm\":"
                        + "\"SHA-256\",\"digest\":\"" + digest + "\",\"title\":\"bench\",\"metadata\":\"\"}").getBytes(StandardCharsets.UTF_8),
                        java.time.Instant.now(), signer.nonce());
                Map<String, String> headers = new HashMap<>(signed.headers());
                headers.remove("host"); // written by the client, as signed
                KeepAliveHttp.Answer answer = openHttp.send("POST", openEvidences, headers, signed.body());
                if (answer.status() != 201) {
                    errors.add(answer.status() + " " + answer.body());
                    return false;
                }
                return true;
            };
            Notarizer direct = (digest, errors) -> {
                contract.submitTransaction("RecordEvidence", "SHA-256", digest, "bench", "");
                return true;
            };

            long pid = service.process().pid();
            System.out.printf("service pid %d; warm-up %d s per path at %d clients, then %d s per path and concurrency%n", pid,
                    warmUp.toSeconds(), WARM_UP_CLIENTS, measured.toSeconds());
            // The peers load the app's chaincode on its first call, which can outlast the first calls' deadlines (503):
            // one notarization each way first. The direct path's is read back through the API: the same evidences.
            await("a first notarization through the API", () -> rest.notarize(digest(), new ArrayList<>()));
            String digest = digest();
            await("a first notarization through the gateway", () -> {
                try {
                    return direct.notarize(digest, new ArrayList<>());
                } catch (Exception notYet) {
                    return false;
                }
            });
            expect(service.call(memberAdmin, "GET", memberChannel + "/evidences/SHA-256:" + digest, null), 200);
            // Warm-up, not counted: the JIT compiles both paths' code (the service's compiler threads count as its CPU).
            measure("REST", WARM_UP_CLIENTS, warmUp, rest, pid, clockTicks, database);
            measure("direct", WARM_UP_CLIENTS, warmUp, direct, pid, clockTicks, database);
            measure("openapi", WARM_UP_CLIENTS, warmUp, open, pid, clockTicks, database);

            List<Result> results = new ArrayList<>();
            for (int clients : CLIENTS) {
                results.add(measure("REST", clients, measured, rest, pid, clockTicks, database));
                results.add(measure("direct", clients, measured, direct, pid, clockTicks, database));
                results.add(measure("openapi", clients, measured, open, pid, clockTicks, database));
            }
            List<Result[]> pairs = new ArrayList<>();
            for (int i = 0; i < TARGET_PAIRS; i++) {
                boolean restFirst = i % 2 == 0;
                Result first = measure(restFirst ? "REST" : "direct", TARGET_CLIENTS, measured, restFirst ? rest : direct, pid, clockTicks,
                        database);
                Result second = measure(restFirst ? "direct" : "REST", TARGET_CLIENTS, measured, restFirst ? direct : rest, pid, clockTicks,
                        database);
                pairs.add(restFirst ? new Result[] {first, second} : new Result[] {second, first});
            }
            report(results);
            reportPairs(pairs);
        } finally {
            grpc.shutdownNow();
        }
    }

    /** Workspaces and their admins in the embedded API, as KubeSphere's console makes them; then the service has seen them. */
    static void tenants(PackagedService service, Map<String, String> adminsByWorkspace) throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + service.kubernetesPort())
                .withNamespace("default").withTrustCerts(true).build();
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config).build()) {
            for (Map.Entry<String, String> entry : adminsByWorkspace.entrySet()) {
                String workspace = entry.getKey();
                String admin = entry.getValue();
                String role = KubeSphereBuiltins.workspaceRoleName(workspace, "admin");
                // The embedded KubeSphere controllers give the workspace its built-in roles.
                create(kubernetes, EmbeddedSeed.workspace(workspace));
                create(kubernetes, EmbeddedSeed.user(admin, admin + "@example.com"));
                create(kubernetes, KubeSphereFixtures.bindingObject(KubeSphereKind.WORKSPACE_ROLE_BINDING, admin + "-" + role, null,
                        Map.of(KubeSphereKind.WORKSPACE_LABEL, workspace), "WorkspaceRole", role, "User", admin));
            }
        }
        for (Map.Entry<String, String> entry : adminsByWorkspace.entrySet()) {
            await("workspace " + entry.getKey() + " open to " + entry.getValue(), () -> service.call(entry.getValue(), "GET",
                    "/workspaces/" + entry.getKey() + "/organizations", null).status() == 200);
        }
    }

    private static void create(KubernetesClient kubernetes, GenericKubernetesResource resource) {
        kubernetes.resource(resource).create();
    }

    /** The organization's admin approves the notarization chaincode's definition exactly as the approvals show it. */
    private static void approve(PackagedService service, String admin, String channelPath) throws Exception {
        await(admin + " approving the notarization app", () -> {
            for (JsonNode item : service.call(admin, "GET", channelPath + "/chaincodeapprovals", null).body().path("items")) {
                if ("notarization".equals(item.path("chaincode").asText()) && item.hasNonNull("definitionHash")) {
                    PackagedService.Answer approved = service.call(admin, "POST", channelPath + "/chaincodeapprovals", Map.of("chaincode", "notarization",
                            "sequence", item.path("sequence").asLong(), "definitionHash", item.path("definitionHash").asText()));
                    if (approved.status() == 201) {
                        return true;
                    }
                    if (approved.status() != 409) {
                        throw new IllegalStateException("approving answered " + approved.status() + " " + approved.body());
                    }
                }
            }
            return false;
        });
    }

    /** N clients, each notarizing in a loop for the duration; every request started before the end is counted. */
    private static Result measure(String path, int clients, Duration duration, Notarizer notarizer, long pid, long clockTicks,
                                  Connection database) throws Exception {
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int count = 0;
                try {
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        String digest = digest();
                        long started = System.nanoTime();
                        boolean ok;
                        try {
                            ok = notarizer.notarize(digest, reasons);
                        } catch (Exception e) {
                            reasons.add(e.toString());
                            ok = false;
                        }
                        long took = System.nanoTime() - started;
                        if (!ok) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                latencies[client] = mine;
                counts[client] = count;
            }, path + "-client-" + i);
            threads.add(thread);
            thread.start();
        }
        Cpu before = cpu(pid, clockTicks, database);
        long started = System.nanoTime();
        deadline[0] = started + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - started;
        Cpu after = cpu(pid, clockTicks, database);

        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        long databaseNanos = 0;
        for (Map.Entry<Long, Long> backend : after.databaseNanos().entrySet()) {
            databaseNanos += backend.getValue() - before.databaseNanos().getOrDefault(backend.getKey(), 0L);
        }
        long bench = after.benchNanos() - before.benchNanos();
        Result result = new Result(path, clients, all.length, errors.get(), elapsed / 1e9, percentile(all, 0.50), percentile(all, 0.99),
                after.serviceNanos() - before.serviceNanos() + bench, bench, databaseNanos);
        System.out.printf("%s at %d clients: %d notarized in %.1f s, %d refused%s%n", path, clients, result.requests(), result.seconds(),
                errors.get(), reasons.isEmpty() ? "" : ", e.g. " + reasons.get(0));
        Thread.sleep(1000); // the last blocks commit before the next run
        return result;
    }

    private static Cpu cpu(long pid, long clockTicks, Connection database) throws IOException, SQLException {
        long bench = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        Map<Long, Long> backends = new HashMap<>();
        try (PreparedStatement query = database.prepareStatement("select pid from pg_stat_activity where datname = ?")) {
            query.setString(1, DATABASE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long backend = rows.getLong(1);
                    try {
                        backends.put(backend, processCpuNanos(backend, clockTicks));
                    } catch (IOException gone) {
                        // a backend that ended meanwhile
                    }
                }
            }
        }
        return new Cpu(processCpuNanos(pid, clockTicks), bench, backends);
    }

    /** The kernel's clock ticks per second, the unit of /proc/<pid>/stat's times. */
    static long clockTicks() throws IOException {
        return Long.parseLong(new String(new ProcessBuilder("getconf", "CLK_TCK").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).trim());
    }

    /** utime + stime of the process (all its threads), from /proc/<pid>/stat, in nanoseconds. */
    static long processCpuNanos(long pid, long clockTicks) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / clockTicks;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void report(List<Result> results) {
        System.out.println();
        System.out.printf("%-7s %7s %9s %7s %9s %8s %8s %12s %10s %10s%n", "path", "clients", "requests", "refused", "per s",
                "p50 ms", "p99 ms", "CPU us/req", "of it bench", "db us/req");
        for (Result r : results) {
            System.out.printf("%-7s %7d %9d %7d %9.1f %8.1f %8.1f %12.0f %10.0f %10.0f%n", r.path(), r.clients(), r.requests(), r.errors(),
                    r.perSecond(), r.p50() / 1e6, r.p99() / 1e6, r.cpuMicros(), r.benchMicros(), r.databaseMicros());
        }
        System.out.println();
        System.out.printf("%-7s %10s %10s %14s %16s %22s%n", "clients", "p50 REST/direct", "p99", "CPU/req", "throughput",
                "throughput openapi/REST");
        for (int i = 0; i + 2 < results.size(); i += 3) {
            Result rest = results.get(i);
            Result direct = results.get(i + 1);
            Result open = results.get(i + 2);
            double p50 = (double) rest.p50() / direct.p50();
            double p99 = (double) rest.p99() / direct.p99();
            double cpu = rest.cpuMicros() / direct.cpuMicros();
            double throughput = rest.perSecond() / direct.perSecond();
            System.out.printf("%-7d %15.2f %10.2f %14.2f %16.2f %22.2f%n", rest.clients(), p50, p99, cpu, throughput,
                    open.perSecond() / rest.perSecond());
        }
    }

    /** Each pair's REST/direct ratios at the target concurrency, their medians, and the target judged on those. */
    private static void reportPairs(List<Result[]> pairs) {
        System.out.printf("%n%d more pairs at %d clients, REST first and direct first in turn:%n", pairs.size(), TARGET_CLIENTS);
        System.out.printf("%-5s %10s %10s %10s %9s %9s %16s%n", "pair", "p50 ratio", "p99 ratio", "CPU ratio", "REST/s", "direct/s",
                "db us/req R / d");
        List<double[]> ratios = new ArrayList<>();
        boolean refused = false;
        for (int i = 0; i < pairs.size(); i++) {
            Result rest = pairs.get(i)[0];
            Result direct = pairs.get(i)[1];
            double[] r = {(double) rest.p50() / direct.p50(), (double) rest.p99() / direct.p99(), rest.cpuMicros() / direct.cpuMicros()};
            ratios.add(r);
            refused |= rest.errors() > 0;
            System.out.printf("%-5d %10.2f %10.2f %10.2f %9.1f %9.1f %16s%n", i + 1, r[0], r[1], r[2], rest.perSecond(), direct.perSecond(),
                    String.format("%.0f / %.0f", rest.databaseMicros(), direct.databaseMicros()));
        }
        double[] medians = new double[3];
        for (int k = 0; k < 3; k++) {
            int column = k;
            medians[k] = median(ratios.stream().mapToDouble(r -> r[column]).toArray());
        }
        System.out.printf("%-5s %10.2f %10.2f %10.2f%n", "median", medians[0], medians[1], medians[2]);
        boolean met = !refused && medians[0] <= TARGET_RATIO && medians[1] <= TARGET_RATIO && medians[2] <= TARGET_RATIO;
        System.out.printf("%ntarget (at %d clients the REST path at most %.0f%% above direct in p50, p99 and CPU per request,"
                + " medians of the pairs): %s%n", TARGET_CLIENTS, (TARGET_RATIO - 1) * 100, met ? "met" : "NOT met");
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String digest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }


    private static JsonNode expect(PackagedService.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(BOUND);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not within " + BOUND + ": " + what);
            }
            Thread.sleep(200);
        }
    }

}
