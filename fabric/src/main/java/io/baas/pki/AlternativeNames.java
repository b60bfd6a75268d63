package io.baas.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/** Subject alternative names: DNS names and IP addresses, each of its proper kind. */
public record AlternativeNames(List<String> dnsNames, List<InetAddress> ipAddresses) {

    public static final AlternativeNames NONE = new AlternativeNames(List.of(), List.of());

    public AlternativeNames {
        dnsNames = List.copyOf(new LinkedHashSet<>(dnsNames));
        ipAddresses = List.copyOf(new LinkedHashSet<>(ipAddresses));
        dnsNames.forEach(DnsNames::requireHostName);
    }

    /**
     * Sorts host names and IP literals (v4 or v6) into their kinds, so "10.0.0.7" becomes an IP
     * SAN, which TLS clients match against an address, and never a DNS SAN, which they would not.
     */
    public static AlternativeNames parse(Collection<String> hostsAndAddresses) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        for (String entry : hostsAndAddresses) {
            String value = entry == null ? "" : entry.trim();
            if (IPAddress.isValid(value)) {
                ips.add(literal(value));
            } else {
                dns.add(DnsNames.requireHostName(value).toLowerCase(Locale.ROOT));
            }
        }
        return new AlternativeNames(dns, ips);
    }

    /** The SANs of a certificate, DNS and IP only (other kinds are not used by Fabric). */
    public static AlternativeNames of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int kind = (Integer) name.get(0);
                    if (kind == GeneralName.dNSName) {
                        dns.add((String) name.get(1));
                    } else if (kind == GeneralName.iPAddress) {
                        ips.add(literal((String) name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new PkiException("unreadable subject alternative names", e);
        }
        return new AlternativeNames(dns, ips);
    }

    public AlternativeNames plus(AlternativeNames other) {
        List<String> dns = new ArrayList<>(dnsNames);
        dns.addAll(other.dnsNames);
        List<InetAddress> ips = new ArrayList<>(ipAddresses);
        ips.addAll(other.ipAddresses);
        return new AlternativeNames(dns, ips);
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty();
    }

    GeneralNames toGeneralNames() {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress()))));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new InvalidNameException("not an IP address: '" + address + "'");
        }
    }
}
