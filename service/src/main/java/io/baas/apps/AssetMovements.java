package io.baas.apps;

import java.util.List;

/**
 * A page of an account's movements, oldest first.
 *
 * @param continueToken where the next page starts (the {@code continue} parameter); empty after the last page
 */
public record AssetMovements(String mspId, String clientId, List<AssetMovement> items, String continueToken) {
}
