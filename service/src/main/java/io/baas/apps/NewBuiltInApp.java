package io.baas.apps;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A business app to enable on a channel.
 *
 * @param app     {@code notarization} or {@code asset-transfer}
 * @param minters asset transfer only: the organizations (by name) that may issue, the caller's among them
 */
public record NewBuiltInApp(@NotNull String app, @Size(max = 64) List<String> minters) {
}
