package io.baas.reconcile;

/** How one peer stands with a channel: after an attempt to join it, or as it was found. */
public record PeerJoin(String peer, Outcome outcome) {

    /** Joined now, already joined, not joined (only looked at), not running yet, or not answering. */
    public enum Outcome {
        JOINED, ALREADY_JOINED, NOT_JOINED, NOT_RUNNING, UNREACHABLE;

        public boolean onChannel() {
            return this == JOINED || this == ALREADY_JOINED;
        }
    }
}
