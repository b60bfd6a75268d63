package io.baas.error;

/** One invalid input: where it is ({@code path.ws}, {@code body.name}, {@code query.limit}) and why. */
public record FieldError(String field, String message) {
}
