package io.baas.apps;

import java.util.List;

/** The channel's asset as one user sees it: who may issue, how much exists, and the user's own account. */
public record AssetsOverview(List<String> minters, long supply, AssetAccount account) {
}
