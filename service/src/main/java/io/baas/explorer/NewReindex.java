package io.baas.explorer;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Re-index a ledger from this block on (its trusted block when lower). */
public record NewReindex(@NotNull @Min(0) Long fromBlock) {
}
