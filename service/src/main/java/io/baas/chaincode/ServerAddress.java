package io.baas.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.chaincode.CcaasPackageBuilder;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.fabric.chaincode.TarEntry;
import io.baas.k8s.build.ChaincodeBuilderConfig;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Where an organization's peers will dial a CCaaS package's server: its {@code connection.json}
 * filled with that organization's builder values, as the peers' ccaas builder fills it. The
 * platform runs the server under that name, so the address must be a Service of the organization's
 * own namespace: a bare name ({@code notarization-1-0:9999}, resolved in the peer's namespace) or
 * one qualified with that namespace ({@code x.{{.namespace}}.svc.{{.clusterdomain}}:9999}).
 *
 * @param service the Service name
 * @param port the server's port
 * @param tls whether the peers will require TLS
 */
public record ServerAddress(String service, int port, boolean tls) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PER_PEER = Pattern.compile("\\{\\{\\s*\\.peername");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    /** The address connection.json names, as written (its template); empty when there is none. */
    public static java.util.Optional<String> template(ParsedPackage parsed) {
        return io.baas.fabric.chaincode.CcaasBuild.connectionFile(parsed)
                .flatMap(connection -> {
                    try {
                        return java.util.Optional.of(JSON.readTree(connection.content().toStringUtf8()).path("address").asText(""));
                    } catch (IOException e) {
                        return java.util.Optional.empty();
                    }
                });
    }

    /** @throws InvalidServerAddressException when the package cannot be run as a server of this organization */
    public static ServerAddress of(ParsedPackage parsed, ChaincodeBuilderConfig organization) {
        if (!CcaasPackageBuilder.TYPE.equals(parsed.metadata().type())) {
            throw new InvalidServerAddressException("the package's type is " + parsed.metadata().type()
                    + "; the platform runs chaincodes as a service (type ccaas)");
        }
        TarEntry connection = io.baas.fabric.chaincode.CcaasBuild.connectionFile(parsed)
                .orElseThrow(() -> new InvalidServerAddressException("the package has no connection.json"));
        JsonNode json;
        String address;
        try {
            // As Fabric's builder: decode first, then fill the fields' own text.
            json = JSON.readTree(connection.content().toStringUtf8());
            String template = json.path("address").asText("");
            if (PER_PEER.matcher(template).find()) {
                throw new InvalidServerAddressException("connection.json's address depends on the peer ({{.peername}}); "
                        + "one server serves all of an organization's peers");
            }
            address = organization.render(template);
            organization.render(json.path("root_cert").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidServerAddressException("connection.json cannot be filled in: " + e.getMessage());
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidServerAddressException("connection.json's address " + address + " has no host:port");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidServerAddressException("connection.json's address " + address + " has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidServerAddressException("connection.json's port " + port + " is out of range");
        }
        String[] labels = address.substring(0, colon).split("\\.");
        if (!DNS_LABEL.matcher(labels[0]).matches()) {
            throw new InvalidServerAddressException("connection.json's host " + labels[0] + " is not a Service name (DNS label)");
        }
        if (labels.length > 1 && !labels[1].equals(organization.namespace())) {
            throw new InvalidServerAddressException("connection.json's address " + address + " is not in the organization's namespace "
                    + organization.namespace() + "; use a bare name or {{.namespace}}");
        }
        return new ServerAddress(labels[0], port, json.path("tls_required").asBoolean(false));
    }
}
