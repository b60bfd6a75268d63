package io.baas.runtime;

import java.util.Optional;

/**
 * A chaincode server as a runtime without Deployments runs it (the host): the package's runnable
 * jar as a process of its own, serving Fabric's chaincode protocol where the package's peers will
 * dial it.
 *
 * @param namespace the organization's namespace
 * @param server the server's name (its Deployment's and Service's on Kubernetes)
 * @param namedAddress the address the package's connection.json names, filled in with the organization's values
 * @param packageId the package ID the server answers as ({@code CORE_CHAINCODE_ID_NAME})
 * @param jar the runnable jar
 * @param tls the server's certificate chain and key, when its peers require TLS
 */
public record ChaincodeServerLaunch(String namespace, String server, String namedAddress, String packageId, byte[] jar,
                                    Optional<ServerTls> tls) {

    /** PEM text of the server's certificate chain and of its PKCS#8 key. */
    public record ServerTls(String certificateChainPem, String privateKeyPem) {

        @Override
        public String toString() {
            return "ServerTls[key withheld]";
        }
    }
}
