package io.baas.pki;

import java.util.regex.Pattern;

/**
 * The names an organization's certificates carry: its MSP ID, its domain (cryptogen's
 * {@code Domain}: the CAs are {@code ca.<domain>} and {@code tlsca.<domain>}, and O = domain)
 * and the location attributes of every subject.
 */
public record MspOrganization(String mspId, String domain, SubjectTemplate subjectTemplate) {

    // Fabric accepts any MSP ID, but it becomes part of policy paths and file names: keep it plain.
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public MspOrganization {
        if (mspId == null || !MSP_ID.matcher(mspId).matches()) {
            throw new InvalidNameException("MSP ID must be 1 to 64 letters, digits, '.', '_' or '-', got '" + mspId + "'");
        }
        DnsNames.requireHostName(domain);
        if (subjectTemplate == null) {
            subjectTemplate = SubjectTemplate.NONE;
        }
    }

    public MspOrganization(String mspId, String domain) {
        this(mspId, domain, SubjectTemplate.NONE);
    }

    public String signingCaName() {
        return "ca." + domain;
    }

    public String tlsCaName() {
        return "tlsca." + domain;
    }
}
