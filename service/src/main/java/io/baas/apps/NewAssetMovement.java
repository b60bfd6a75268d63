package io.baas.apps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * An issue (minter organizations only) or a transfer from the caller's own account.
 *
 * @param to     the receiving account: an organization's MSP ID and a client ID as chaincodes name it
 *               ({@code x509::<subject>::<issuer>}; a user's own is in {@code GET assets})
 * @param amount a positive whole number
 */
public record NewAssetMovement(@NotNull @Valid AccountRef to, @NotNull @Positive Long amount) {

    public record AccountRef(
            @NotNull @jakarta.validation.constraints.Pattern(regexp = "^[A-Za-z0-9.-]{1,128}$", message = "must be an MSP ID") String mspId,
            @NotNull @jakarta.validation.constraints.Size(min = 1, max = 2048) String clientId) {
    }
}
