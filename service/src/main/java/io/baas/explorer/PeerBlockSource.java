package io.baas.explorer;

import io.baas.fabric.admin.BlockStream;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.admin.SeekRequests;
import io.baas.fabric.identity.Signer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;
import org.jboss.logging.Logger;

/**
 * A channel's blocks from its members' peers over Deliver, signed by an identity that may read
 * the channel. When the peer read from goes away, the feed goes on from the next peer of the list
 * at the block it stopped at; it ends only when every peer failed in turn without a block.
 */
public final class PeerBlockSource implements BlockSource {

    private static final Logger LOG = Logger.getLogger(PeerBlockSource.class);
    private static final int WINDOW = 256;

    /** A peer that may serve the channel, and the identity that reads from it. */
    public record Peer(String name, String host, int port, List<X509Certificate> tlsCas, Signer reader) {
    }

    private final String channelId;
    private final List<Peer> peers;
    private final Duration callTimeout;
    private final Consumer<Peer> beforeUse;

    /**
     * @param beforeUse called before the reader's key signs for a peer (the key use is recorded
     *                  there; a use that cannot be recorded throws and nothing is signed)
     */
    public PeerBlockSource(String channelId, List<Peer> peers, Duration callTimeout, Consumer<Peer> beforeUse) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no peer serves channel " + channelId);
        }
        this.channelId = channelId;
        this.peers = List.copyOf(peers);
        this.callTimeout = callTimeout;
        this.beforeUse = beforeUse;
    }

    @Override
    public Feed open(long from) {
        return new FailoverFeed(from);
    }

    private final class FailoverFeed implements Feed {
        private long next;
        private int current = -1;
        private int failuresInARow;
        // Read by the writer's thread (the blocks-behind figure) while the reader's thread moves it.
        private volatile long height;
        private BlockStream stream;

        FailoverFeed(long from) {
            this.next = from;
        }

        @Override
        public Optional<Block> next(Duration wait) throws InterruptedException {
            while (true) {
                if (stream == null) {
                    connect();
                }
                try {
                    Optional<Block> block = stream.next(wait);
                    block.ifPresent(b -> {
                        next = b.getHeader().getNumber() + 1;
                        height = Math.max(height, next);
                        failuresInARow = 0;
                    });
                    return block;
                } catch (FabricAdminException e) {
                    closeStream();
                    if (++failuresInARow >= peers.size()) {
                        throw e;
                    }
                    LOG.infof("Explorer: %s; reading channel %s from the next peer", e.getMessage(), channelId);
                }
            }
        }

        /** The next peer in turn, its height asked first (for the blocks-behind figure), then its stream from {@code next}. */
        private void connect() {
            current = (current + 1) % peers.size();
            Peer peer = peers.get(current);
            beforeUse.accept(peer);
            try (PeerAdminClient qscc = new PeerAdminClient(peer.host(), peer.port(), peer.tlsCas(), callTimeout, Clock.systemUTC())) {
                height = Math.max(height, qscc.chainInfo(peer.reader(), channelId).getHeight());
            } catch (FabricAdminException e) {
                LOG.debugf("Explorer: no height from %s: %s", peer.name(), e.getMessage());
            }
            stream = BlockStream.open(peer.host(), peer.port(), peer.tlsCas(),
                    SeekRequests.from(peer.reader(), channelId, Clock.systemUTC().instant(), next), WINDOW);
        }

        @Override
        public OptionalLong height() {
            return height == 0 ? OptionalLong.empty() : OptionalLong.of(height);
        }

        private void closeStream() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }

        @Override
        public void close() {
            closeStream();
        }
    }
}
