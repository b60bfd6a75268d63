package io.baas.organization;

import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.pki.PkiException;
import io.baas.pki.fabricca.FabricCaException;
import java.util.List;

/**
 * What an answer says when an organization's external Fabric CA fails: unreachable or failing on its
 * side is 502 ExternalCaUnavailable; a refusal of the request's own settings (registrar credentials,
 * CA name) at creation is 400 ExternalCaRefused; a refusal later, or an unusable answer, is 502. The
 * CA's own error text is passed on (it never holds our secrets: those go in headers, not bodies it echoes).
 */
final class ExternalCaErrors {

    private ExternalCaErrors() {}

    /** At creation: the request's settings are the likely cause of a refusal. */
    static DomainException atCreation(String url, PkiException e) {
        if (e instanceof FabricCaException ca && !ca.unavailable()) {
            if (ca.refusedAuthorization()) {
                return new DomainException(ErrorKind.INVALID, "ExternalCaRefused", "The Fabric CA at " + url
                        + " refused to enroll the registrar with the given enrollment ID and secret.",
                        List.of(new FieldError("body.externalCa", "registrarId and registrarSecret were refused by the CA")));
            }
            if (ca.status() == 404) {
                return new DomainException(ErrorKind.INVALID, "ExternalCaRefused", "The Fabric CA at " + url + " has no such CA: " + ca.getMessage(),
                        List.of(new FieldError("body.externalCa", "caName or tlsCaName is not a CA of this server")));
            }
            return new DomainException(ErrorKind.INVALID, "ExternalCaRefused", "The Fabric CA at " + url + " refused: " + ca.getMessage());
        }
        return later(url, e);
    }

    /** Issuing or revoking for an existing organization. */
    static DomainException later(String url, PkiException e) {
        if (e instanceof FabricCaException ca) {
            if (ca.unavailable()) {
                return new DomainException(ErrorKind.DEPENDENCY_FAILED, "ExternalCaUnavailable", "The Fabric CA at " + url + " could not be used: " + ca.getMessage());
            }
            return new DomainException(ErrorKind.DEPENDENCY_FAILED, "ExternalCaRefused", "The Fabric CA at " + url + " refused: " + ca.getMessage());
        }
        return new DomainException(ErrorKind.DEPENDENCY_FAILED, "ExternalCaInvalid", "The Fabric CA at " + url + " answered with unusable certificates: "
                + e.getMessage());
    }
}
