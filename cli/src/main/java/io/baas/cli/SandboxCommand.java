package io.baas.cli;

import io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A local Fabric network for application developers (docs/sandbox.md): {@code up} makes or
 * resumes it in a folder and leaves it running in a process of its own, {@code deploy} puts a
 * chaincode on its channel through the lifecycle, {@code down} stops it. Everything is done with
 * the tool's own commands, so the network is what an operator would have made.
 */
@Command(name = "sandbox", description = "A local Fabric network for application development: up, deploy, down.",
        subcommands = {SandboxCommand.Up.class, SandboxCommand.Serve.class, SandboxCommand.Deploy.class, SandboxCommand.Down.class})
final class SandboxCommand {

    /** How long up waits for the network, and deploy for the peers to agree: a bound against a hang, not a pace. */
    static final Duration READY = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(100);

    static final class FolderOption {
        @Option(names = "--dir", defaultValue = "ks-baas-sandbox", paramLabel = "DIR",
                description = "the network's folder (default: ${DEFAULT-VALUE})")
        Path dir;

        SandboxFolder folder() {
            return new SandboxFolder(dir.toAbsolutePath());
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Make (first time) or resume the network in its folder and leave it running; prints its endpoints.")
    static final class Up extends ToolCommand {
        @picocli.CommandLine.Mixin
        FolderOption folderOption;

        @Option(names = "--channel", defaultValue = "mychannel", description = "the channel's name, first time only (default: ${DEFAULT-VALUE})")
        String channel;

        @Option(names = "--orgs", defaultValue = "2", description = "member organizations, one peer each, first time only (default: ${DEFAULT-VALUE})")
        int organizations;

        @Option(names = "--heap", defaultValue = "512m", description = "the network process's -Xmx (default: ${DEFAULT-VALUE})")
        String heap;

        @Override
        public Integer call() throws Exception {
            SandboxFolder folder = folderOption.folder();
            Optional<SandboxFolder.Endpoints> running = folder.running();
            if (running.isPresent()) {
                out().println("already up (process " + running.get().pid() + ")");
                print(folder, running.get());
                return 0;
            }
            SandboxFolder.Settings settings = folder.settings().orElseGet(() -> generate(folder));
            if (!settings.channel().equals(channel) || settings.organizations() != organizations) {
                err().println("up: resuming the network of " + folder.root() + " as it was made (channel " + settings.channel() + ", "
                        + settings.organizations() + " organizations); --channel and --orgs apply to a new folder only");
            }
            Process process = serve(folder);
            SandboxFolder.Endpoints endpoints = awaitReady(folder, process);
            print(folder, endpoints);
            return 0;
        }

        /** The organizations' material, as {@code org generate} writes it: an ordering organization and the members. */
        private SandboxFolder.Settings generate(SandboxFolder folder) {
            if (organizations < 1 || organizations > 9) {
                throw new CliInputException("--orgs must be 1 to 9, not " + organizations);
            }
            if (!channel.matches("[a-z][a-z0-9.-]{0,248}")) {
                throw new CliInputException("--channel '" + channel + "' is not a Fabric channel name (lower case letters, digits, '.' and '-')");
            }
            SandboxNetwork.run("org", "generate", "--msp-id", SandboxFolder.ORDERER_MSP, "--domain", SandboxFolder.ORDERER_DOMAIN,
                    "--orderers", "1", "--users", "0", "--san", "127.0.0.1", "--out", folder.ordererOrganization().toString());
            SandboxFolder.Settings settings = new SandboxFolder.Settings(channel, organizations);
            for (SandboxFolder.Member member : folder.members(settings)) {
                SandboxNetwork.run("org", "generate", "--msp-id", member.mspId(), "--domain", member.domain(), "--peers", "1",
                        "--san", "127.0.0.1", "--out", member.folder().toString());
            }
            folder.writeSettings(settings);
            return settings;
        }

        /** This tool's JVM again, with the same class path, serving the network; its output goes to the folder's log. */
        private Process serve(SandboxFolder folder) throws IOException {
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    FabricCli.class.getName(), "sandbox", "serve", "--dir", folder.root().toString()));
            Files.createDirectories(folder.root());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.log().toFile())).start();
        }

        private static SandboxFolder.Endpoints awaitReady(SandboxFolder folder, Process process) throws InterruptedException {
            Instant deadline = Instant.now().plus(READY);
            while (Instant.now().isBefore(deadline)) {
                Optional<SandboxFolder.Endpoints> written = folder.endpoints().filter(e -> e.pid() == process.pid());
                if (written.isPresent()) {
                    return written.get();
                }
                if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SandboxNetwork.SandboxStepException("sandbox up", FabricCli.FAILED,
                            "the network process ended with exit code " + process.exitValue() + "; see " + folder.log());
                }
            }
            process.destroy();
            throw new SandboxNetwork.SandboxStepException("sandbox up", FabricCli.FAILED, "the network was not ready within " + READY
                    + "; see " + folder.log());
        }

        private void print(SandboxFolder folder, SandboxFolder.Endpoints endpoints) {
            out().println("channel " + endpoints.channel());
            out().println("orderer 127.0.0.1:" + endpoints.ordererPort() + " (admin 127.0.0.1:" + endpoints.ordererAdminPort() + ")");
            endpoints.peerPorts().forEach((mspId, port) -> out().println("peer " + mspId + " 127.0.0.1:" + port));
            out().println("profiles " + folder.profiles());
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, hidden = true,
            description = "Run the network of a folder in this process until it is stopped (what up starts).")
    static final class Serve extends ToolCommand {
        @picocli.CommandLine.Mixin
        FolderOption folderOption;

        @Override
        public Integer call() throws Exception {
            SandboxFolder folder = folderOption.folder();
            SandboxFolder.Settings settings = folder.settings()
                    .orElseThrow(() -> new CliInputException(folder.root() + " holds no sandbox network: run sandbox up"));
            SandboxNetwork network = SandboxNetwork.start(folder, settings);
            SandboxFolder.Endpoints endpoints = network.endpoints();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                folder.clearEndpoints(endpoints.pid());
                network.close();
                stopped.countDown();
            }, "sandbox-stop"));
            SandboxProfiles.write(folder, settings, endpoints);
            folder.writeEndpoints(endpoints);
            long took = ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
            out().println("ready: channel " + settings.channel() + ", process " + endpoints.pid() + ", " + took + " ms after it started");
            out().flush();
            stopped.await();
            return 0;
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Install a chaincode on every peer, approve it for every organization and commit it (the next sequence).")
    static final class Deploy extends ToolCommand {
        @picocli.CommandLine.Mixin
        FolderOption folderOption;

        @picocli.CommandLine.ArgGroup(multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--jar", paramLabel = "JAR", description = "a runnable chaincode jar (java -jar starts its server as CCaaS)")
            Path jar;

            @Option(names = "--package", paramLabel = "TGZ", description = "a CCaaS package whose server you run yourself")
            Path chaincodePackage;
        }

        @Option(names = "--name", required = true, description = "the chaincode's name on the channel")
        String name;

        @Option(names = "--version", defaultValue = "1.0", description = "its version (default: ${DEFAULT-VALUE})")
        String version;

        @Override
        public Integer call() throws Exception {
            SandboxFolder folder = folderOption.folder();
            SandboxFolder.Settings settings = folder.settings()
                    .orElseThrow(() -> new CliInputException(folder.root() + " holds no sandbox network: run sandbox up"));
            SandboxFolder.Endpoints endpoints = folder.running()
                    .orElseThrow(() -> new CliInputException("the network of " + folder.root() + " is not running: run sandbox up"));
            Path pkg = source.chaincodePackage != null ? source.chaincodePackage : packageJar(folder);
            List<SandboxFolder.Member> members = folder.members(settings);
            long sequence = committedSequence(members.get(0), endpoints, settings) + 1;
            String[] definition = {"--channel", settings.channel(), "--name", name, "--version", version, "--sequence", String.valueOf(sequence)};
            String packageId = null;
            for (SandboxFolder.Member member : members) {
                List<String> peer = SandboxNetwork.peerOptions(member, endpoints.peerPorts().get(member.mspId()));
                packageId = installed(command(List.of("lifecycle", "install", "--package", pkg.toString()), peer));
                SandboxNetwork.run(command(concat(List.of("lifecycle", "approve", "--package-id", packageId), definition), peer));
            }
            List<String> first = SandboxNetwork.peerOptions(members.get(0), endpoints.peerPorts().get(members.get(0).mspId()));
            // Each organization approved through its own peer: the first peer must have every approval's block before committing.
            await("every organization's approval on " + members.get(0).peer(), () -> SandboxNetwork.run(
                    command(concat(List.of("lifecycle", "checkreadiness"), definition), first)).lines().allMatch(line -> line.endsWith(": true")));
            SandboxNetwork.run(command(concat(List.of("lifecycle", "commit"), definition), first));
            for (SandboxFolder.Member member : members) {
                await("the commit on " + member.peer(), () -> committedSequence(member, endpoints, settings) == sequence);
            }
            out().println("deployed " + name + " " + version + " sequence " + sequence + " on " + settings.channel() + " (" + packageId + ")");
            return 0;
        }

        /** The jar staged where the peers start chaincode servers, and a package naming it (its server's address is the peers' own). */
        private Path packageJar(SandboxFolder folder) throws IOException {
            byte[] jar = CliFiles.readBytes("--jar", source.jar);
            String jarName = source.jar.getFileName().toString();
            try (ChaincodeProcesses processes = new ChaincodeProcesses(folder.chaincodeProcesses())) {
                processes.stage(jarName, jar);
            }
            Files.createDirectories(folder.packages());
            String label = name + "_" + version;
            Path pkg = folder.packages().resolve(label + ".tar.gz");
            SandboxNetwork.run("chaincode", "package", "--label", label, "--address", name + ":9999", "--sandbox-jar", source.jar.toString(),
                    "--out", pkg.toString());
            return pkg;
        }

        /** The package ID install printed: "done: ID" the first time, "already done: ..." after. */
        private static String installed(String[] install) {
            String said;
            try {
                said = SandboxNetwork.run(install);
            } catch (SandboxNetwork.SandboxStepException e) {
                Matcher already = Pattern.compile("package ID '([^']+)'").matcher(e.getMessage());
                if (e.getMessage().contains("already successfully installed") && already.find()) {
                    return already.group(1);
                }
                throw e;
            }
            Matcher id = Pattern.compile("(\\S+:[0-9a-f]{64})").matcher(said);
            if (!id.find()) {
                throw new IllegalStateException("lifecycle install printed no package ID: " + said.strip());
            }
            return id.group(1);
        }

        /** The sequence committed on the channel as this member's peer has it; 0 before the first. */
        private long committedSequence(SandboxFolder.Member member, SandboxFolder.Endpoints endpoints, SandboxFolder.Settings settings) {
            String said;
            try {
                said = SandboxNetwork.run(command(List.of("lifecycle", "querycommitted", "--channel", settings.channel(), "--name", name),
                        SandboxNetwork.peerOptions(member, endpoints.peerPorts().get(member.mspId()))));
            } catch (SandboxNetwork.SandboxStepException e) {
                if (e.getMessage().contains("has no committed definition")) {
                    return 0;
                }
                throw e;
            }
            Matcher sequence = Pattern.compile("sequence=(\\d+)").matcher(said);
            if (!sequence.find()) {
                throw new IllegalStateException("lifecycle querycommitted printed no sequence: " + said.strip());
            }
            return Long.parseLong(sequence.group(1));
        }

        private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
            Instant deadline = Instant.now().plus(READY);
            while (!done.getAsBoolean()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new SandboxNetwork.SandboxStepException("sandbox deploy", FabricCli.FAILED, "no " + what + " within " + READY);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the network of a folder; its data stays for the next up.")
    static final class Down extends ToolCommand {
        @picocli.CommandLine.Mixin
        FolderOption folderOption;

        @Override
        public Integer call() throws Exception {
            SandboxFolder folder = folderOption.folder();
            Optional<SandboxFolder.Endpoints> running = folder.running();
            if (running.isEmpty()) {
                out().println("not running");
                return 0;
            }
            ProcessHandle process = ProcessHandle.of(running.get().pid()).orElseThrow();
            process.destroy();
            try {
                process.onExit().get(READY.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                err().println("down: the network did not stop within " + READY + "; killed it");
            }
            out().println("stopped (process " + running.get().pid() + ")");
            return 0;
        }
    }

    private static String[] command(List<String> head, List<String> options) {
        List<String> all = new ArrayList<>(head);
        all.addAll(options);
        return all.toArray(String[]::new);
    }

    private static List<String> concat(List<String> head, String[] tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
