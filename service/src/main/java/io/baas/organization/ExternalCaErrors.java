package io.baas.organization;

import io.baas.api.ApiError;
import io.baas.api.ApiException;
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
    static ApiException atCreation(String url, PkiException e) {
        if (e instanceof FabricCaException ca && !ca.unavailable()) {
            if (ca.refusedAuthorization()) {
                return new ApiException(400, "ExternalCaRefused", "The Fabric CA at " + url
                        + " refused to enroll the registrar with the given enrollment ID and secret.",
                        List.of(new ApiError.FieldError("body.externalCa", "registrarId and registrarSecret were refused by the CA")));
            }
            if (ca.status() == 404) {
                return new ApiException(400, "ExternalCaRefused", "The Fabric CA at " + url + " has no such CA: " + ca.getMessage(),
                        List.of(new ApiError.FieldError("body.externalCa", "caName or tlsCaName is not a CA of this server")));
            }
            return new ApiException(400, "ExternalCaRefused", "The Fabric CA at " + url + " refused: " + ca.getMessage());
        }
        return later(url, e);
    }

    /** Issuing or revoking for an existing organization. */
    static ApiException later(String url, PkiException e) {
        if (e instanceof FabricCaException ca) {
            if (ca.unavailable()) {
                return new ApiException(502, "ExternalCaUnavailable", "The Fabric CA at " + url + " could not be used: " + ca.getMessage());
            }
            return new ApiException(502, "ExternalCaRefused", "The Fabric CA at " + url + " refused: " + ca.getMessage());
        }
        return new ApiException(502, "ExternalCaInvalid", "The Fabric CA at " + url + " answered with unusable certificates: "
                + e.getMessage());
    }
}
