package io.baas.api;

import java.util.List;

/** KubeSphere's list shape: one page of items and the total count before paging. */
public record ListResult<T>(List<T> items, int totalItems) {
}
