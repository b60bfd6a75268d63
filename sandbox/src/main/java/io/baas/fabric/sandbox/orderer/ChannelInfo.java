package io.baas.fabric.sandbox.orderer;

/** A joined channel as the participation API reports it; the sandbox node is always its consenter. */
public record ChannelInfo(String name, long height) {
}
