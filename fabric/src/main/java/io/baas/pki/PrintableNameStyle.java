package io.baas.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameStyle;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Encodes attribute values the way Go's crypto/x509 (so cryptogen and Fabric CA) does:
 * PrintableString when every character allows it, UTF8String otherwise. BouncyCastle's default
 * would use UTF8String for everything but the country, giving a different DER for the same name.
 */
final class PrintableNameStyle extends BCStyle {

    static final X500NameStyle INSTANCE = new PrintableNameStyle();

    private PrintableNameStyle() {}

    @Override
    protected ASN1Encodable encodeStringValue(ASN1ObjectIdentifier oid, String value) {
        return DERPrintableString.isPrintableString(value) ? new DERPrintableString(value) : new DERUTF8String(value);
    }
}
