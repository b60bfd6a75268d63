package io.baas.livechannel;

import java.util.List;

/**
 * Who has approved a chaincode's current definition, and who is still missing, with what an
 * organization's admin approves ({@code definitionHash}, over the approval's exact argument).
 *
 * @param organizations every organization of the channel: Approved (on the channel), ConsentGiven (its admin approved; the
 *                      platform approves with its held admin on the next pass) or AwaitingConsent; PackageMissing or
 *                      InvalidDefinition (packageId and definitionHash null) for a resource written around the API that
 *                      names no approved package or collections Fabric would refuse
 */
public record ChaincodeApprovalView(String chaincode, String version, long sequence, String packageId, String definitionHash,
                                    boolean committed, List<OrganizationApproval> organizations) {

    /** One organization's approval of the definition. */
    public record OrganizationApproval(String organization, String state) {
    }
}
