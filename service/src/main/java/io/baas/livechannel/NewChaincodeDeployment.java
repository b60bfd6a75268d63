package io.baas.livechannel;

import io.baas.crd.Chaincode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A chaincode to deploy on a channel, or a new definition of one deployed: an approved version of
 * the chaincode repository, its endorsement policy and private data collections. The sequence is
 * never given: the platform takes the committed one + 1, or keeps a sequence not yet committed.
 *
 * @param name              the chaincode's name on the channel
 * @param endorsementPolicy a signature policy ({@code AND('Org1MSP.peer', 'Org2MSP.peer')}) or a channel policy path
 *                          ({@code /Channel/Application/Endorsement}); the channel's Endorsement policy when left out
 * @param initRequired      refused when true: the gateway never sets is_init, chaincodes initialise with a transaction
 */
public record NewChaincodeDeployment(
        @NotNull @Pattern(regexp = "^(?=.{1,63}$)[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$",
                message = "must be a chaincode name: letters and digits with single '-' or '_' between, at most 63") String name,
        @NotNull @Valid PackageRef packageRef,
        @Size(max = 4096) String endorsementPolicy,
        @Size(max = 256) List<Chaincode.PrivateDataCollection> collections,
        Boolean initRequired) {

    /** An approved version: of the deploying organization's workspace, or a platform package when {@code workspace} is left out. */
    public record PackageRef(
            @Pattern(regexp = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", message = "must be a workspace name") String workspace,
            @NotNull @Pattern(regexp = "^(?=.{1,63}$)[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$", message = "must be a chaincode name") String name,
            @NotNull @Pattern(regexp = "^[A-Za-z0-9_.+-]{1,64}$", message = "must be a version") String version) {
    }
}
