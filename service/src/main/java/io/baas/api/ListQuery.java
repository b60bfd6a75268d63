package io.baas.api;

import io.baas.error.DomainException;
import io.baas.error.FieldError;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * KubeSphere's list parameters: {@code page} (1-based), {@code limit} (absent or -1: everything),
 * {@code sortBy} (default {@code createTime}) and {@code ascending} (default false: newest first).
 */
public class ListQuery {

    @QueryParam("page")
    String page;

    @QueryParam("limit")
    String limit;

    @QueryParam("sortBy")
    String sortBy;

    @QueryParam("ascending")
    String ascending;

    public static ListQuery of(String page, String limit, String sortBy, String ascending) {
        ListQuery query = new ListQuery();
        query.page = page;
        query.limit = limit;
        query.sortBy = sortBy;
        query.ascending = ascending;
        return query;
    }

    /**
     * Sorts and pages {@code all}. {@code sortKeys} names the fields a caller may sort by; an unknown
     * field or a malformed number is a 400 that says which parameter is wrong.
     */
    public <T> ListResult<T> apply(List<T> all, Map<String, Comparator<T>> sortKeys) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = integer("page", page, 1, 1, errors);
        int pageSize = integer("limit", limit, -1, -1, errors);
        String key = sortBy == null || sortBy.isBlank() ? "createTime" : sortBy;
        Comparator<T> comparator = sortKeys.get(key);
        if (comparator == null) {
            errors.add(new FieldError("sortBy", "must be one of " + String.join(", ", sortKeys.keySet().stream().sorted().toList())));
        }
        boolean asc = false;
        if (ascending != null && !ascending.isBlank()) {
            if (!ascending.equals("true") && !ascending.equals("false")) {
                errors.add(new FieldError("ascending", "must be true or false"));
            }
            asc = Boolean.parseBoolean(ascending);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The list parameters are invalid.", errors);
        }
        List<T> sorted = new ArrayList<>(all);
        sorted.sort(asc ? comparator : comparator.reversed());
        if (pageSize < 0) {
            return new ListResult<>(sorted, all.size());
        }
        long from = Math.min((long) (pageNumber - 1) * pageSize, sorted.size());
        long to = Math.min(from + pageSize, sorted.size());
        return new ListResult<>(sorted.subList((int) from, (int) to), all.size());
    }

    /** The usual sort keys of a Kubernetes object: name and creation time, ties broken by name. */
    public static <T> Map<String, Comparator<T>> byNameAndCreation(Function<T, String> name, Function<T, String> created) {
        Comparator<T> byName = Comparator.comparing(name, Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<T> byCreation = Comparator.comparing(created, Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(byName);
        return Map.of("name", byName, "createTime", byCreation, "creationTimestamp", byCreation);
    }

    private static int integer(String name, String value, int absent, int min, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                errors.add(new FieldError(name, "must be at least " + min));
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be an integer"));
            return absent;
        }
    }
}
