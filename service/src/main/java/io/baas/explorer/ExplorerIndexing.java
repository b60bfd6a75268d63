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

    ExplorerIndexing(KubernetesClient client, NodeRuntime runtime, IdentityService identities, KeyUseLog keyUses, DatabaseMigrator migrator,
                     MeterRegistry metrics, BaasConfig config,
                     @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                     @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                     @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.client = client;
        this.runtime = runtime;
        this.identities = identities;
        this.keyUses = keyUses;
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
        return channel.getMetadata().getNamespace() + "/" + channel.getMetadata().getName() + "/" + channel.getSpec().channelId;
    }

    /** One pass: an indexer started for every channel without one, those of deleted channels stopped. */
    public void discover() {
        if (!migrator.migrated()) {
            return;
        }
        List<Channel> channels = client.resources(Channel.class).inAnyNamespace().list().getItems();
        Set<String> present = channels.stream().map(ExplorerIndexing::source).collect(Collectors.toSet());
        workers.forEach((source, worker) -> {
            if (!present.contains(source)) {
                worker.stop();
            }
        });
        channels.forEach(this::start);
    }

    /** Starts the channel's indexer unless one runs here; it ends at once when another replica holds the channel. */
    public void start(Channel channel) {
        String source = source(channel);
        workers.compute(source, (key, running) -> {
            if (running != null && running.thread.isAlive()) {
                return running;
            }
            Optional<Block> genesis = genesis(channel);
            if (genesis.isEmpty()) {
                return null;
            }
            Worker worker = new Worker(channel, genesis.get());
            worker.thread.start();
            return worker;
        });
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

    private void recordUse(Channel channel, PeerBlockSource.Peer peer) {
        String organization = peer.name().substring(0, peer.name().indexOf('/'));
        keyUses.record(new KeyUse(organization, UserIdentity.nameFor(READER), KeyAction.READ_BLOCKS, READER,
                "namespaces/" + channel.getMetadata().getNamespace() + "/channels/" + channel.getMetadata().getName(),
                "read the blocks of channel " + channel.getSpec().channelId + " from peer " + peer.name()));
    }

    /** One channel's indexer on its own thread and connection; it ends when stopped, degraded, or when its peers or database fail. */
    private final class Worker implements ChannelIndexer.Listener {
        private final Channel channel;
        private final Block genesis;
        private final Thread thread;
        private volatile ChannelIndexer indexer;
        private volatile boolean stopped;

        Worker(Channel channel, Block genesis) {
            this.channel = channel;
            this.genesis = genesis;
            this.thread = new Thread(this::run, "baas-explorer-" + channel.getMetadata().getName());
            this.thread.setDaemon(true);
        }

        private void run() {
            String source = source(channel);
            try (Connection connection = connect()) {
                IndexStore store = new IndexStore(connection);
                IndexedChannel row = store.register(IndexedChannel.CONSORTIUM, source, channel.getSpec().channelId, genesis);
                if (row.state() != IndexedChannel.State.Indexing || !store.tryLock(row.id())) {
                    return;
                }
                List<PeerBlockSource.Peer> peers = peers(channel);
                if (peers.isEmpty() || stopped) {
                    return;
                }
                behind.computeIfAbsent(source, s -> metrics.gauge("baas_explorer_blocks_behind", Tags.of("channel", s), new AtomicLong()));
                indexer = new ChannelIndexer(row.id(), store, new PeerBlockSource(channel.getSpec().channelId, peers, callTimeout,
                        peer -> recordUse(channel, peer)),
                        new ChannelIndexer.Settings(config.maxBatchBlocks(), config.maxBatchTransactions(), config.readAhead(),
                                Duration.ofMillis(500)), this);
                if (stopped) {
                    return;
                }
                indexer.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                LOG.infof("Explorer: indexing %s stopped (%s); it starts again at the next discovery", source, e.getMessage());
            } finally {
                workers.remove(source, this);
            }
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
            AtomicLong gauge = behind.get(source(channel));
            if (gauge != null && sourceHeight.isPresent()) {
                gauge.set(Math.max(0, sourceHeight.getAsLong() - after.nextBlock()));
            }
        }

        @Override
        public void degraded(long channelId, ChainBrokenException breakage) {
            Counter.builder("baas_explorer_chain_breaks").tag("channel", source(channel)).register(metrics).increment();
        }
    }
}
