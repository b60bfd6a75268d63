package io.baas.fabric.admin;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** How the admin clients let go of their gRPC channel. */
final class GrpcChannels {

    private GrpcChannels() {
    }

    /** Cancels the calls in flight and waits up to ten seconds for the channel's threads to end. */
    static void close(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
