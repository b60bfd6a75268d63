package io.baas.fabric.sandbox.peer;

import io.baas.fabric.sandbox.peer.channel.CommitListener;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits on a sandbox peer's commits, not on the clock: the condition is checked again each time the
 * peer commits a block on the channel. The timeout only guards against a hang, so it is generous
 * (a busy CI machine can starve the peer for a long while).
 */
public final class PeerWaits {

    public static final Duration HANG_GUARD = Duration.ofMinutes(3);

    private PeerWaits() {
    }

    /** Returns once {@code condition} holds for the peer's channel. */
    public static void awaitCommitted(PeerNode peer, String channelId, Predicate<PeerChannel> condition) {
        PeerChannel channel = peer.channels().channel(channelId).orElseThrow(
                () -> new AssertionError("the peer has not joined " + channelId));
        CountDownLatch met = new CountDownLatch(1);
        CommitListener listener = (id, committed) -> {
            if (condition.test(channel)) {
                met.countDown();
            }
        };
        channel.addListener(listener);
        try {
            // Registered first, checked second: a commit between the two cannot be missed.
            if (condition.test(channel)) {
                return;
            }
            if (!met.await(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the peer's channel " + channelId + " did not reach the expected state within " + HANG_GUARD);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            channel.removeListener(listener);
        }
    }

    /** Returns once {@code follower} has committed every block {@code leader} has on the channel. */
    public static void awaitCaughtUp(PeerNode follower, PeerNode leader, String channelId) {
        long height = leader.channels().channel(channelId).orElseThrow().ledger().height();
        awaitCommitted(follower, channelId, channel -> channel.ledger().height() >= height);
    }
}
