package io.baas.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.baas.error.FieldError;
import io.baas.k8s.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an application may do on one channel: either operations of a built-in app ({@code app}:
 * notarization's notarize, verify, read; asset transfer's transfer, issue, read) or functions of a chaincode
 * ({@code chaincode}, {@code functions}); {@code access} read-only allows only what writes nothing
 * (verify, read, evaluating a function).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationScope(String channel, String app, String chaincode, List<String> operations, List<String> functions,
                               String access) {

    public static final String READ_ONLY = "read-only";
    public static final String READ_WRITE = "read-write";

    /** Each built-in app's operations, and which of them write. */
    private static final Map<String, Set<String>> APP_OPERATIONS = Map.of(
            "notarization", Set.of("notarize", "verify", "read"),
            "asset-transfer", Set.of("transfer", "issue", "read"));
    private static final Set<String> WRITING_OPERATIONS = Set.of("notarize", "transfer", "issue");
    private static final Pattern FUNCTION = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$");
    private static final int MAX_ENTRIES = 64;

    public ApplicationScope {
        operations = operations == null ? null : List.copyOf(operations);
        functions = functions == null ? null : List.copyOf(functions);
        access = access == null ? READ_WRITE : access;
    }

    public boolean readOnly() {
        return READ_ONLY.equals(access);
    }

    /** Does this scope allow the built-in app's operation on the channel? */
    public boolean allowsOperation(String channelName, String appName, String operation) {
        return channel.equals(channelName) && appName.equals(app) && operations != null && operations.contains(operation)
                && !(readOnly() && WRITING_OPERATIONS.contains(operation));
    }

    /** Does this scope allow calling the chaincode's function on the channel, submitting ({@code writes}) or evaluating? */
    public boolean allowsFunction(String channelName, String chaincodeName, String function, boolean writes) {
        return channel.equals(channelName) && chaincodeName.equals(chaincode) && functions != null && functions.contains(function)
                && !(writes && readOnly());
    }

    /** The problems of a list of scopes, each named by its place ({@code scopes[0].operations}); none means valid. */
    public static List<FieldError> problems(List<ApplicationScope> scopes) {
        List<FieldError> errors = new ArrayList<>();
        if (scopes == null || scopes.isEmpty() || scopes.size() > MAX_ENTRIES) {
            errors.add(new FieldError("scopes", "must hold 1 to " + MAX_ENTRIES + " scopes"));
            return errors;
        }
        for (int i = 0; i < scopes.size(); i++) {
            ApplicationScope scope = scopes.get(i);
            String at = "scopes[" + i + "]";
            if (scope == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            scope.collectProblems(at, errors);
        }
        return errors;
    }

    private void collectProblems(String at, List<FieldError> errors) {
        if (!Names.isDnsLabel(channel)) {
            errors.add(new FieldError(at + ".channel", "must name a channel (a DNS-1123 label)"));
        }
        if (!READ_ONLY.equals(access) && !READ_WRITE.equals(access)) {
            errors.add(new FieldError(at + ".access", "must be read-only or read-write"));
        }
        if ((app == null) == (chaincode == null)) {
            errors.add(new FieldError(at, "must name either a built-in app or a chaincode"));
            return;
        }
        if (app != null) {
            Set<String> known = APP_OPERATIONS.get(app);
            if (known == null) {
                errors.add(new FieldError(at + ".app", "must be notarization or asset-transfer"));
            } else if (operations == null || operations.isEmpty() || !known.containsAll(operations)) {
                errors.add(new FieldError(at + ".operations", "must list operations of " + app + ": " + String.join(", ",
                        known.stream().sorted().toList())));
            } else if (readOnly() && operations.stream().anyMatch(WRITING_OPERATIONS::contains)) {
                errors.add(new FieldError(at + ".operations", "a read-only scope allows only operations that write nothing"));
            }
            if (functions != null) {
                errors.add(new FieldError(at + ".functions", "belong to a chaincode scope, not a built-in app's"));
            }
            return;
        }
        if (!Names.isDnsLabel(chaincode)) {
            errors.add(new FieldError(at + ".chaincode", "must name a chaincode (a DNS-1123 label)"));
        }
        if (functions == null || functions.isEmpty() || functions.size() > MAX_ENTRIES
                || !functions.stream().allMatch(f -> f != null && FUNCTION.matcher(f).matches())) {
            errors.add(new FieldError(at + ".functions", "must list 1 to " + MAX_ENTRIES + " function names"));
        }
        if (operations != null) {
            errors.add(new FieldError(at + ".operations", "belong to a built-in app's scope, not a chaincode's"));
        }
    }
}
