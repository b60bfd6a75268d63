package io.baas.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The location attributes every certificate of an organization carries before its own names,
 * in cryptogen's order: C, ST, L, then O or OU, then CN. Unlike cryptogen, nothing is filled in
 * by default (cryptogen writes US / California / San Francisco into every certificate).
 */
public record SubjectTemplate(Optional<String> country, Optional<String> province, Optional<String> locality) {

    public static final SubjectTemplate NONE = new SubjectTemplate(Optional.empty(), Optional.empty(), Optional.empty());

    public SubjectTemplate {
        country.ifPresent(value -> {
            if (!value.matches("[A-Z]{2}")) {
                throw new InvalidNameException("country must be a two-letter ISO 3166 code, got '" + value + "'");
            }
        });
        province.ifPresent(value -> requireAttribute("province", value));
        locality.ifPresent(value -> requireAttribute("locality", value));
    }

    public static SubjectTemplate of(String country, String province, String locality) {
        return new SubjectTemplate(Optional.ofNullable(country), Optional.ofNullable(province), Optional.ofNullable(locality));
    }

    /** A CA's name: location, O = organization, CN. */
    public X500Name caSubject(String organization, String commonName) {
        X500NameBuilder builder = location();
        builder.addRDN(BCStyle.O, requireAttribute("organization", organization));
        builder.addRDN(BCStyle.CN, requireAttribute("common name", commonName));
        return builder.build();
    }

    /** An identity's name: location, OU = its NodeOU when it has one, CN. */
    public X500Name identitySubject(Optional<NodeOu> nodeOu, String commonName) {
        X500NameBuilder builder = location();
        nodeOu.ifPresent(ou -> builder.addRDN(BCStyle.OU, ou.identifier()));
        builder.addRDN(BCStyle.CN, requireAttribute("common name", commonName));
        return builder.build();
    }

    private X500NameBuilder location() {
        X500NameBuilder builder = new X500NameBuilder(PrintableNameStyle.INSTANCE);
        country.ifPresent(value -> builder.addRDN(BCStyle.C, value));
        province.ifPresent(value -> builder.addRDN(BCStyle.ST, value));
        locality.ifPresent(value -> builder.addRDN(BCStyle.L, value));
        return builder;
    }

    private static String requireAttribute(String what, String value) {
        // ub-name and ub-common-name of RFC 5280 are 64 characters; control characters break DN strings.
        if (value == null || value.isBlank() || value.length() > 64 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidNameException(what + " must be 1 to 64 printable characters, got '" + value + "'");
        }
        return value;
    }
}
