package io.baas.explorer;

import io.baas.config.BaasConfig;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.k8s.build.ChannelGenesisConfigMap;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.organization.IdentityService;
import io.baas.organization.UserIdentity;
import io.baas.pki.Pem;
import io.baas.reconcile.ExplorerConditions;
import io.baas.runtime.NodeRuntime;
import io.baas.store.DatabaseMigrator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hyperledger.fabric.protos.common.Block;
import org.jboss.logging.Logger;

/**
 * Keeps an indexer running for every channel of every consortium: every {@code discoveryInterval}
 * it registers the channels it has not seen (trusting their genesis block as the platform keeps
 * it) and starts an indexer where none runs. Each indexer holds its channel's PostgreSQL advisory
 * lock on a connection of its own (outside the pool, so that closing it releases the lock): only
 * one replica indexes a channel, and another takes over when it stops. Blocks are read as the
 * explorer's client identity of a member organization, each stream's key use on record.
 */
@Singleton
public class ExplorerIndexing {

    /** The user the explorer's client identities are held for; KubeSphere names cannot hold ':', so no user has it. */
    public static final String READER = "system:ks-baas-explorer";

    /** The PostgreSQL application name of the indexers' connections. */
    public static final String APPLICATION_NAME = "ks-baas-explorer";

    private static final Logger LOG = Logger.getLogger(ExplorerIndexing.class);

    private final KubernetesClient client;
    private final NodeRuntime runtime;
    private final IdentityService identities;
    private final KeyUseLog keyUses;
    private final ExternalChannels externals;
    private final ExplorerQueries queries;
    private final DatabaseMigrator migrator;
    private final MeterRegistry metrics;
    private final BaasConfig.Explorer config;
    private final Duration callTimeout;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> behind = new ConcurrentHashMap<>();
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baas-explorer-discovery");
        thread.setDaemon(true);
        return thread;
    });

    ExplorerIndexing(KubernetesClient client, NodeRuntime runtime, IdentityService identities, KeyUseLog keyUses, ExternalChannels externals,
                     io.agroal.api.AgroalDataSource database, DatabaseMigrator migrator, MeterRegistry metrics, BaasConfig config,
                     @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                     @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                     @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.client = client;
        this.runtime = runtime;
        this.identities = identities;
        this.keyUses = keyUses;
        this.externals = externals;
        this.queries = new ExplorerQueries(database);
        this.migrator = migrator;
        this.metrics = metrics;
        this.config = config.explorer();
        this.callTimeout = config.gateway().evaluateTimeout();
        this.jdbcUrl = jdbcUrl;
        this.username = username.orElse("");
        this.password = password.orElse("");
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            long every = config.discoveryInterval().toMillis();
            discovery.scheduleWithFixedDelay(this::discoverQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        discovery.shutdownNow();
        workers.values().forEach(Worker::stop);
    }

    /** The index's key of a Channel resource: a re-created Channel of another channel ID is another ledger. */
    public static String source(Channel channel) {
        return source(channel.getMetadata().getNamespace(), channel.getMetadata().getName(), channel.getSpec().channelId);
    }

    static String source(String namespace, String name, String channelId) {
        return namespace + "/" + name + "/" + channelId;
    }

    /**
     * What one worker indexes: the index's row, the block its trust starts from, where its blocks
     * come from, and the Channel resource told of a break (none for an external channel).
     */
    private record Target(String kind, String source, String channelId, Optional<Block> trusted,
                          Supplier<List<PeerBlockSource.Peer>> peers, Consumer<PeerBlockSource.Peer> beforeUse, Optional<Channel> resource) {
    }

    /**
     * One pass: an indexer started for every channel and every registered external channel without
     * one, those of deleted channels and registrations stopped.
     */
    public void discover() {
        if (!migrator.migrated()) {
            return;
        }
        List<Target> targets = new ArrayList<>();
        List<IndexedChannel> indexed = queries.channels();
        Map<String, IndexedChannel> consortiumIndex = indexed.stream().filter(c -> c.kind().equals(IndexedChannel.CONSORTIUM))
                .collect(Collectors.toMap(IndexedChannel::source, c -> c));
        for (Channel channel : client.resources(Channel.class).inAnyNamespace().list().getItems()) {
            genesis(channel).ifPresent(genesis -> targets.add(target(channel, genesis)));
            Optional.ofNullable(consortiumIndex.get(source(channel))).ifPresent(row -> report(channel, row));
        }
        indexed.stream().filter(c -> c.kind().equals(IndexedChannel.EXTERNAL) && c.state() == IndexedChannel.State.Indexing)
                .forEach(c -> targets.add(external(c)));
        Set<String> present = targets.stream().map(Target::source).collect(Collectors.toSet());
        workers.forEach((source, worker) -> {
            if (!present.contains(source)) {
                worker.stop();
            }
        });
        targets.forEach(this::start);
    }

    /** Starts the channel's indexer unless one runs here; it ends at once when another replica holds the channel. */
    public void start(Channel channel) {
        genesis(channel).ifPresent(genesis -> start(target(channel, genesis)));
    }

    /** Starts a registered external channel's indexer unless one runs here. */
    public void startExternal(String name) {
        queries.channel(IndexedChannel.EXTERNAL, name).ifPresent(c -> start(external(c)));
    }

    private void start(Target target) {
        workers.compute(target.source(), (key, running) -> {
            if (running != null && running.thread.isAlive()) {
                return running;
            }
            Worker worker = new Worker(target);
            worker.thread.start();
            return worker;
        });
    }

    /**
     * Tells the Channel what its index's row says: ExplorerDegraded True while it is stopped at a
     * break, False once it recovered. Each discovery says it again, so a status another writer
     * replaced meanwhile is corrected.
     */
    void report(Channel channel, IndexedChannel row) {
        Optional<String> breakage = row.state() == IndexedChannel.State.Degraded
                ? Optional.of("The explorer's index of the channel stopped at block " + row.degradedBlock().map(String::valueOf).orElse("?")
                        + " (" + row.degradedReason().orElse("the chain does not verify") + "); a platform admin re-indexes it"
                        + " (POST /explorerchannels/" + row.id() + "/reindexes) once its peers serve the verified chain.")
                : Optional.empty();
        try {
            ExplorerConditions.report(client, channel, breakage, Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.warnf("Explorer: the condition of channel %s could not be written: %s", source(channel), e.getMessage());
        }
    }

    private Target target(Channel channel, Block genesis) {
        String resource = "namespaces/" + channel.getMetadata().getNamespace() + "/channels/" + channel.getMetadata().getName();
        return new Target(IndexedChannel.CONSORTIUM, source(channel), channel.getSpec().channelId, Optional.of(genesis),
                () -> peers(channel), peer -> recordUse(peer.name().substring(0, peer.name().indexOf('/')), UserIdentity.nameFor(READER),
                resource, channel.getSpec().channelId, peer), Optional.of(channel));
    }

    private Target external(IndexedChannel channel) {
        String name = channel.source();
        // The key_use organization column is an organization's name; an external reader is named after its registration.
        String owner = ("external-" + name).substring(0, Math.min(63, ("external-" + name).length()));
        return new Target(IndexedChannel.EXTERNAL, name, channel.channelId(), Optional.empty(), () -> externals.peers(name),
                peer -> recordUse(owner, ExternalChannels.SECRET_PREFIX + name, "explorerchannels/external/" + name, channel.channelId(), peer),
                Optional.empty());
    }

    private void discoverQuietly() {
        try {
            discover();
        } catch (RuntimeException e) {
            LOG.warnf("Explorer: looking for channels to index failed: %s", e.getMessage());
        }
    }

    private Optional<Block> genesis(Channel channel) {
        ConfigMap kept = client.configMaps().inNamespace(channel.getMetadata().getNamespace())
                .withName(ChannelGenesisConfigMap.name(channel.getSpec().channelId)).get();
        return Optional.ofNullable(kept).filter(c -> ChannelGenesisConfigMap.keeps(c, channel.getSpec().channelId))
                .flatMap(ChannelGenesisConfigMap::block);
    }

    /** Every running peer of the channel's member organizations, each with the explorer's identity in its organization. */
    private List<PeerBlockSource.Peer> peers(Channel channel) {
        Consortium consortium = client.resources(Consortium.class).withName(channel.getSpec().consortium).get();
        Map<String, String> namespaces = consortium == null || consortium.getStatus() == null || consortium.getStatus().namespaces == null
                ? Map.of() : consortium.getStatus().namespaces;
        List<PeerBlockSource.Peer> peers = new ArrayList<>();
        for (String member : channel.getSpec().organizations) {
            String namespace = namespaces.get(member);
            Organization organization = client.resources(Organization.class).withName(member).get();
            if (namespace == null || organization == null || organization.getStatus() == null
                    || organization.getStatus().tlsCaCertificate == null) {
                continue;
            }
            List<PeerNode> nodes = client.resources(PeerNode.class).inNamespace(namespace).list().getItems().stream()
                    .filter(p -> p.getSpec() != null && member.equals(p.getSpec().organization))
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
            for (PeerNode node : nodes) {
                runtime.peerAddress(node).ifPresent(address -> {
                    UserIdentity reader = identities.userIdentity(organization, READER);
                    peers.add(new PeerBlockSource.Peer(member + "/" + node.getMetadata().getName(), address.host(), address.port(),
                            Pem.certificates(organization.getStatus().tlsCaCertificate), reader.signer()));
                });
            }
        }
        return peers;
    }

    /** A connection of its own, named so that an operator sees the indexers among PostgreSQL's sessions. */
    private Connection connect() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private void recordUse(String organization, String identity, String resource, String channelId, PeerBlockSource.Peer peer) {
        keyUses.record(new KeyUse(organization, identity, KeyAction.READ_BLOCKS, READER, resource,
                "read the blocks of channel " + channelId + " from peer " + peer.name()));
    }

    /** One channel's indexer on its own thread and connection; it ends when stopped, degraded, or when its peers or database fail. */
    private final class Worker implements ChannelIndexer.Listener {
        private final Target target;
        private final Thread thread;
        private volatile ChannelIndexer indexer;
        private volatile boolean stopped;

        Worker(Target target) {
            this.target = target;
            this.thread = new Thread(this::run, "baas-explorer-" + target.source().replace('/', '-'));
            this.thread.setDaemon(true);
        }

        private void run() {
            String source = target.source();
            try (Connection connection = connect()) {
                IndexStore store = new IndexStore(connection);
                Optional<IndexedChannel> row = target.trusted().isPresent()
                        ? Optional.of(store.register(target.kind(), source, target.channelId(), target.trusted().get()))
                        : store.find(target.kind(), source);
                if (row.isEmpty() || row.get().state() != IndexedChannel.State.Indexing || !store.tryLock(row.get().id())) {
                    return;
                }
                List<PeerBlockSource.Peer> peers = target.peers().get();
                if (peers.isEmpty() || stopped) {
                    return;
                }
                behind.computeIfAbsent(source, s -> metrics.gauge("baas_explorer_blocks_behind", Tags.of("channel", s), new AtomicLong()));
                // From zero while it indexes, so a rate or an alert on breaks has a series before the first one.
                chainBreaks(source);
                indexer = new ChannelIndexer(row.get().id(), store, Optional.of(ExplorerIndexing.this::connect), new PeerBlockSource(target.channelId(), peers, callTimeout,
                        target.beforeUse()),
                        new ChannelIndexer.Settings(config.maxBatchBlocks(), config.maxBatchTransactions(), config.readAhead(),
                                config.readAheadBytes(), Duration.ofMillis(500), config.keepPayloadBlocks()), this);
                if (stopped) {
                    return;
                }
                indexer.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                LOG.infof("Explorer: indexing %s stopped (%s); it starts again at the next discovery", source, e.getMessage());
            } finally {
                // Another replica may index it now: a lag this one no longer measures must not stay on its /q/metrics. Removed
                // before this worker leaves the map, so a worker started next registers its own.
                AtomicLong gauge = behind.remove(source);
                if (gauge != null) {
                    metrics.remove(new io.micrometer.core.instrument.Meter.Id("baas_explorer_blocks_behind", Tags.of("channel", source), null,
                            null, io.micrometer.core.instrument.Meter.Type.GAUGE));
                }
                workers.remove(source, this);
            }
        }

        private Counter chainBreaks(String source) {
            return Counter.builder("baas_explorer_chain_breaks").tag("channel", source).register(metrics);
        }

        void stop() {
            stopped = true;
            ChannelIndexer running = indexer;
            if (running != null) {
                running.stop();
            }
        }

        @Override
        public void written(long channelId, Checkpoint after, int blocks, java.util.OptionalLong sourceHeight) {
            AtomicLong gauge = behind.get(target.source());
            if (gauge != null && sourceHeight.isPresent()) {
                gauge.set(Math.max(0, sourceHeight.getAsLong() - after.nextBlock()));
            }
        }

        @Override
        public void degraded(long channelId, ChainBrokenException breakage) {
            chainBreaks(target.source()).increment();
            target.resource().ifPresent(channel -> queries.channel(target.kind(), target.source()).ifPresent(row -> report(channel, row)));
        }
    }
}
