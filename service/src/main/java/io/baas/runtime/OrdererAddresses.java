package io.baas.runtime;

import io.baas.fabric.configtx.HostPort;
import java.net.URI;

/**
 * Where an orderer is reached, as the channel config and the platform's clients need it.
 *
 * @param client Broadcast and Deliver (the channel's orderer endpoints)
 * @param cluster consenter to consenter (the etcdraft consenter entry)
 * @param admin the channel participation API
 */
public record OrdererAddresses(HostPort client, HostPort cluster, URI admin) {
}
