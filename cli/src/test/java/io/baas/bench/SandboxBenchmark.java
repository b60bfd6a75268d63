package io.baas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.cli.FabricCli;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * The sandbox Fabric network (module sandbox) under a fabric-gateway load (issue 31; docs/benchmarks.md,
 * "Sandbox under a fabric-gateway load"). A main, not a test: run by {@code bench/sandbox.sh [seconds]
 * [warm-up seconds] [clients...]}.
 *
 * <p>{@code sandbox up} into a temporary folder (the network in a JVM of its own: an orderer and one peer
 * for each of two organizations; the channel cut at 250 ms or 100 transactions, MAJORITY endorsement),
 * {@code sandbox deploy} of the shipped notarization chaincode (its server a process of its own, a child
 * of the network's), then, for each client count, a warm-up and a measured period in which every client
 * is a thread of this JVM doing what {@code Contract.submitTransaction("RecordEvidence", ...)} does, in its
 * three steps (endorse, submit, wait for the commit status; the first two timed apart), on a fresh
 * SHA-256 digest (so every transaction writes new keys and none conflicts), as org1's User1 through
 * org1's peer, over one shared gRPC connection and Gateway, as an application does. Measured: committed
 * transactions per second and the p50/p99 of submit-to-commit-status latency for transactions completed
 * in the measured period; the CPU of the network's process and of the chaincode server (utime + stime
 * from /proc/pid/stat) per committed transaction; their peak resident set (VmHWM); this load
 * generator's own CPU per transaction (not part of the network's); and blocks cut (qscc GetChainInfo).
 * {@code sandbox down} at the end, and the folder removed unless {@code -Dbench.keep=true}.
 * {@code -Dbench.heap=...} passes {@code --heap} to {@code sandbox up} (default: up's own, 512m).
 */
public final class SandboxBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "mychannel";
    private static final String CHAINCODE = "notarization";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxBenchmark() {
    }

    record Sample(long cpuNanos, Map<Long, Long> chaincodeCpuNanos, long benchCpuNanos, long height, long nanoTime) {
    }

    record Result(int clients, long committed, long failed, double seconds, long p50, long p99, double sandboxCpuMs,
                  double chaincodeCpuMs, double benchCpuMs, double txPerBlock, long rssMb, long peakRssMb, long chaincodePeakRssMb,
                  String load) {
        double perSecond() {
            return committed / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Duration measured = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
        int[] clientCounts = args.length > 2 ? Arrays.stream(args, 2, args.length).flatMap(a -> Arrays.stream(a.split("[,\\s]+")))
                .filter(a -> !a.isBlank()).mapToInt(Integer::parseInt).toArray() : new int[] {1, 16, 64};
        long clockTicks = Long.parseLong(new String(new ProcessBuilder("getconf", "CLK_TCK").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).strip());
        Path dir = Files.createTempDirectory("ks-baas-sandbox-bench");
        System.out.printf("%s; %d cores; CLK_TCK %d; folder %s%n", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), clockTicks, dir);
        boolean ok = false;
        try {
            List<String> up = new ArrayList<>(List.of("sandbox", "up", "--dir", dir.toString()));
            String heap = System.getProperty("bench.heap");
            if (heap != null) {
                up.addAll(List.of("--heap", heap));
            }
            long started = System.nanoTime();
            System.out.print(cli(up.toArray(String[]::new)));
            System.out.printf("up in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            started = System.nanoTime();
            System.out.print(cli("sandbox", "deploy", "--dir", dir.toString(), "--jar", notarizationJar().toString(), "--name", CHAINCODE));
            System.out.printf("deployed in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            System.out.println(Files.readString(dir.resolve("channel.yaml")).lines().filter(l -> l.contains("timeout") || l.contains("maxMessage"))
                    .map(String::strip).reduce((a, b) -> a + ", " + b).map(s -> "channel batch: " + s).orElse(""));

            long pid = JSON.readTree(dir.resolve("endpoints.json").toFile()).path("pid").asLong();
            List<Result> results = new ArrayList<>();
            JsonNode profile = JSON.readTree(dir.resolve("profiles/org1-connection.json").toFile());
            String peer = "peer0.org1.example.com";
            String address = profile.at("/peers/" + peer + "/url").asText().replace("grpcs://", "");
            ManagedChannel grpc = Grpc.newChannelBuilder(address, TlsChannelCredentials.newBuilder()
                    .trustManager(new ByteArrayInputStream(profile.at("/peers/" + peer + "/tlsCACerts/pem").asText()
                            .getBytes(StandardCharsets.US_ASCII))).build()).build();
            Path user = dir.resolve("organizations/org1/users/User1@org1.example.com/msp");
            try (Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(profile.at("/organizations/Org1/mspid").asText(),
                            Identities.readX509Certificate(Files.newBufferedReader(only(user.resolve("signcerts"))))))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(Files.newBufferedReader(only(user.resolve("keystore"))))))
                    .hash(Hash.SHA256)
                    .connection(grpc)
                    .evaluateOptions(CallOption.deadlineAfter(30, TimeUnit.SECONDS))
                    .endorseOptions(CallOption.deadlineAfter(60, TimeUnit.SECONDS))
                    .submitOptions(CallOption.deadlineAfter(30, TimeUnit.SECONDS))
                    .commitStatusOptions(CallOption.deadlineAfter(2, TimeUnit.MINUTES))
                    .connect()) {
                Network network = gateway.getNetwork(CHANNEL);
                Contract contract = network.getContract(CHAINCODE);
                started = System.nanoTime();
                contract.submitTransaction("RecordEvidence", "SHA-256", digest(), "bench", "");
                System.out.printf("first transaction (the peers dial the chaincode server) in %d ms; sandbox process %d%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), pid);
                for (int clients : clientCounts) {
                    results.add(run(clients, warmUp, measured, contract, network, pid, clockTicks));
                }
            } finally {
                grpc.shutdownNow();
            }
            report(results, measured, warmUp);
            ok = true;
        } finally {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = FabricCli.execute(new String[] {"sandbox", "down", "--dir", dir.toString()}, new PrintWriter(out), new PrintWriter(err));
            System.out.print(out);
            System.err.print(err);
            if (ok && code == 0 && !Boolean.getBoolean("bench.keep")) {
                delete(dir);
            } else {
                System.out.println("kept " + dir);
            }
        }
    }

    /**
     * The clients run through the warm-up into the measured period without a pause, so the load is steady at its
     * start; a transaction counts when its commit status arrives within the measured period.
     */
    private static Result run(int clients, Duration warmUp, Duration measured, Contract contract, Network network, long pid,
                              long clockTicks) throws Exception {
        // 0 warm-up, 1 measured, 2 stopping
        AtomicLong phase = new AtomicLong();
        long[][] latencies = new long[clients][];
        long[][][] phases = new long[clients][2][1024];
        int[] counts = new int[clients];
        AtomicLong failed = new AtomicLong();
        Map<String, Long> reasons = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int count = 0;
                while (phase.get() < 2) {
                    String digest = digest();
                    long start = System.nanoTime();
                    long endorsed = start;
                    long submitted = start;
                    String failure = null;
                    try {
                        // submitTransaction's three steps, timed one by one
                        Transaction transaction = contract.newProposal("RecordEvidence")
                                .addArguments("SHA-256", digest, "bench", "").build().endorse();
                        endorsed = System.nanoTime();
                        SubmittedTransaction pending = transaction.submitAsync();
                        submitted = System.nanoTime();
                        Status status = pending.getStatus();
                        if (!status.isSuccessful()) {
                            failure = "commit status " + status.getCode();
                        }
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    long took = System.nanoTime() - start;
                    long now = phase.get();
                    if (failure != null) {
                        String reason = (now == 0 ? "warm-up: " : now == 1 ? "" : "after: ") + failure;
                        reasons.merge(reason.length() > 200 ? reason.substring(0, 200) : reason, 1L, Long::sum);
                    }
                    if (now != 1) {
                        continue;
                    }
                    if (failure != null) {
                        failed.incrementAndGet();
                        continue;
                    }
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, count * 2);
                    }
                    if (phases[client][0].length == count) {
                        for (int k = 0; k < 2; k++) {
                            phases[client][k] = Arrays.copyOf(phases[client][k], count * 2);
                        }
                    }
                    phases[client][0][count] = endorsed - start;
                    phases[client][1][count] = submitted - endorsed;
                    mine[count++] = took;
                }
                latencies[client] = mine;
                counts[client] = count;
            }, "client-" + i);
            threads.add(thread);
        }
        LoadSampler load = new LoadSampler();
        load.start();
        threads.forEach(Thread::start);
        Thread.sleep(warmUp.toMillis());
        Sample before = sample(pid, clockTicks, network);
        phase.set(1);
        Thread.sleep(measured.toMillis());
        phase.set(2);
        Sample after = sample(pid, clockTicks, network);
        for (Thread thread : threads) {
            thread.join();
        }
        load.interrupt();
        load.join();
        Thread.sleep(1000); // the stragglers' blocks commit before the next run

        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        long[] endorse = new long[all.length];
        long[] submit = new long[all.length];
        at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(phases[i][0], 0, endorse, at, counts[i]);
            System.arraycopy(phases[i][1], 0, submit, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(endorse);
        Arrays.sort(submit);
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        long committed = all.length;
        long chaincodeNanos = 0;
        for (Map.Entry<Long, Long> process : after.chaincodeCpuNanos().entrySet()) {
            chaincodeNanos += process.getValue() - before.chaincodeCpuNanos().getOrDefault(process.getKey(), 0L);
        }
        double per = Math.max(1, committed) * 1e6;
        long blocks = after.height() - before.height();
        Map<String, Long> status = status(pid);
        long chaincodePeak = 0;
        for (long child : after.chaincodeCpuNanos().keySet()) {
            chaincodePeak = Math.max(chaincodePeak, status(child).getOrDefault("VmHWM", 0L));
        }
        Result result = new Result(clients, committed, failed.get(), seconds, percentile(all, 0.50), percentile(all, 0.99),
                (after.cpuNanos() - before.cpuNanos()) / per, chaincodeNanos / per, (after.benchCpuNanos() - before.benchCpuNanos()) / per,
                blocks > 0 ? (double) committed / blocks : Double.NaN, status.getOrDefault("VmRSS", 0L) / 1024,
                status.getOrDefault("VmHWM", 0L) / 1024, chaincodePeak / 1024, load.range());
        System.out.printf("%d clients: %d committed in %.1f s (%.1f/s), %d failed%s; p50 %.0f ms, p99 %.0f ms "
                        + "(endorse p50 %.1f ms, submit p50 %.1f ms); sandbox CPU %.1f ms/tx, "
                        + "chaincode %.1f ms/tx, load generator %.1f ms/tx; %d blocks; sandbox RSS %d MB (peak %d MB); load %s%n",
                clients, committed, seconds, result.perSecond(), failed.get(), reasons.isEmpty() ? "" : " " + reasons,
                result.p50() / 1e6, result.p99() / 1e6, percentile(endorse, 0.50) / 1e6, percentile(submit, 0.50) / 1e6,
                result.sandboxCpuMs(), result.chaincodeCpuMs(), result.benchCpuMs(), blocks,
                result.rssMb(), result.peakRssMb(), result.load());
        return result;
    }

    /** The 1-minute load average from /proc/loadavg every 5 s while a run lasts: its range. */
    private static final class LoadSampler extends Thread {
        private double min = Double.MAX_VALUE;
        private double max;

        LoadSampler() {
            super("load-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    sampleOnce();
                    Thread.sleep(5000);
                }
            } catch (InterruptedException e) {
                sampleOnce();
            }
        }

        private synchronized void sampleOnce() {
            try {
                double one = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                min = Math.min(min, one);
                max = Math.max(max, one);
            } catch (IOException | RuntimeException e) {
                // no sample this time
            }
        }

        synchronized String range() {
            return min == Double.MAX_VALUE ? "?" : String.format("%.1f–%.1f", min, max);
        }
    }

    private static Sample sample(long pid, long clockTicks, Network network) throws IOException {
        long bench = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long cpu = processCpuNanos(pid, clockTicks);
        Map<Long, Long> children = new HashMap<>();
        ProcessHandle.of(pid).ifPresent(sandbox -> sandbox.descendants().forEach(child -> {
            try {
                children.put(child.pid(), processCpuNanos(child.pid(), clockTicks));
            } catch (IOException gone) {
                // ended meanwhile
            }
        }));
        long height;
        try {
            height = BlockchainInfo.parseFrom(network.getContract("qscc").evaluateTransaction("GetChainInfo", CHANNEL)).getHeight();
        } catch (Exception e) {
            height = 0;
        }
        return new Sample(cpu, children, bench, height, System.nanoTime());
    }

    /** utime + stime of the process (all its threads), from /proc/<pid>/stat, in nanoseconds. */
    static long processCpuNanos(long pid, long clockTicks) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / clockTicks;
    }

    /** The kB figures of /proc/<pid>/status (VmRSS, VmHWM, ...). */
    static Map<String, Long> status(long pid) throws IOException {
        Map<String, Long> kilobytes = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.endsWith(" kB")) {
                int colon = line.indexOf(':');
                kilobytes.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1, line.length() - 3).strip()));
            }
        }
        return kilobytes;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** A digest no transaction wrote before: the evidence key and its owner index entry are new keys. */
    private static String digest() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(List<Result> results, Duration measured, Duration warmUp) {
        System.out.printf("%n%d s measured after %d s of warm-up per client count; failed: submissions that failed within the measured "
                + "period (the per-run lines above also name failures of the warm-up and of the calls still running at its end); "
                + "CPU per committed transaction%n%n", measured.toSeconds(), warmUp.toSeconds());
        System.out.println("| clients | committed tx/s | p50 / p99 | failed | tx per block | sandbox CPU per tx | chaincode CPU per tx "
                + "| load generator CPU per tx | sandbox RSS (peak) | chaincode peak RSS | load average |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %d | %.1f | %.0f / %.0f ms | %d | %s | %.1f ms | %.1f ms | %.1f ms | %d MB (%d MB) | %d MB | %s |%n",
                    r.clients(), r.perSecond(), r.p50() / 1e6, r.p99() / 1e6, r.failed(),
                    Double.isNaN(r.txPerBlock()) ? "no block" : String.format("%.1f", r.txPerBlock()), r.sandboxCpuMs(),
                    r.chaincodeCpuMs(), r.benchCpuMs(), r.rssMb(), r.peakRssMb(), r.chaincodePeakRssMb(), r.load());
        }
    }

    /** One of the tool's commands in this JVM ({@code sandbox up} starts the network's own JVM); what it printed, or a failure. */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FabricCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + code + ": " + err + out);
        }
        if (!err.toString().isBlank()) {
            System.err.print(err);
        }
        return out.toString();
    }

    private static Path only(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IOException(directory + " holds no file"));
        }
    }

    /** The shipped notarization chaincode's runnable jar (module chaincodes, classifier notarization). */
    private static Path notarizationJar() throws Exception {
        return Path.of(io.baas.chaincode.notarization.NotarizationContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
