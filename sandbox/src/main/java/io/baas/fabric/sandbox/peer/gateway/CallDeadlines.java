package io.baas.fabric.sandbox.peer.gateway;

import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The time one step of a Gateway call (a remote endorsement, a broadcast) may take: the step's own
 * limit, cut to what the client's deadline leaves. Fabric's gateway nests its endorsement and
 * broadcast timeouts in the request's context the same way, so a client that gives up after 5
 * seconds never leaves the peer waiting 15 more on an orderer.
 */
final class CallDeadlines {

    private CallDeadlines() {
    }

    /** Must run on the call's thread, where {@link Context#current()} is the call's context. */
    static Duration within(Duration limit, String step) {
        Deadline deadline = Context.current().getDeadline();
        if (deadline == null) {
            return limit;
        }
        long leftMillis = deadline.timeRemaining(TimeUnit.MILLISECONDS);
        if (leftMillis <= 0) {
            throw RpcErrors.error(Code.DEADLINE_EXCEEDED, "the client's deadline passed before " + step);
        }
        return leftMillis < limit.toMillis() ? Duration.ofMillis(leftMillis) : limit;
    }
}
