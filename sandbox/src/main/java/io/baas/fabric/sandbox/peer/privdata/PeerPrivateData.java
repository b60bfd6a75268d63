package io.baas.fabric.sandbox.peer.privdata;

/**
 * What a peer brings to private data: its organization (which collections it is a member of,
 * so which private values it keeps) and its transient store.
 */
public record PeerPrivateData(String localMspId, TransientStore transientStore) {

    /** A peer of no organization's collections (channel tests without private data). */
    public static PeerPrivateData none() {
        return new PeerPrivateData("", new TransientStore());
    }
}
