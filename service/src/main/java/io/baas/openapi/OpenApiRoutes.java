package io.baas.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.api.QueryNumbers;
import io.baas.application.SignedApplication;
import io.baas.apps.AssetTransfers;
import io.baas.apps.BuiltInApp;
import io.baas.apps.ChannelCalls;
import io.baas.apps.FunctionCall;
import io.baas.apps.FunctionResult;
import io.baas.apps.EvidenceDigest;
import io.baas.apps.NewAssetMovement;
import io.baas.apps.NewEvidence;
import io.baas.apps.Notarization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.explorer.ChannelExplorer;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of {@code /openapi/v1}, each an operation of the apps the console API has too, done
 * in the application's name (its held client identity) and only within its scopes: the namespace
 * must be its own, and the channel and operation (or chaincode function) in one of its scopes.
 */
@ApplicationScoped
public class OpenApiRoutes {

    public static final String BASE = "/openapi/v1";
    private static final String CHANNEL = BASE + "/namespaces/{namespace}/channels/{channel}";
    private static final String JSON = "application/json";
    private static final String OCTETS = "application/octet-stream";

    /** An answer: a status and a JSON body, or raw bytes of a content type. */
    public record Answer(int status, Object body, String contentType, byte[] raw) {
        static Answer json(int status, Object body) {
            return new Answer(status, body, JSON, null);
        }
    }

    /** A verified request to act on: who, the path's parameters, the query (decoded), the body and its type. */
    public record Invocation(SignedApplication application, Map<String, String> path, Map<String, String> query, String contentType,
                             byte[] body) {
        Caller caller() {
            return new Caller(application.principal(), Set.of());
        }

        String namespace() {
            return path.get("namespace");
        }

        String channel() {
            return path.get("channel");
        }
    }

    interface Guard {
        void check(SignedApplication application, Map<String, String> path);
    }

    interface Handler {
        Answer handle(Invocation invocation) throws IOException;
    }

    /** A route: method and path template, the operation its calls are logged as, its scope check and its work. */
    public record Route(String method, String template, String operation, Guard guard, Handler handler, Pattern pattern, List<String> names) {
    }

    /** A route matched by a request, with the path's parameters. */
    public record Matched(Route route, Map<String, String> path) {
    }

    private final Notarization notarization;
    private final AssetTransfers assets;
    private final ChannelCalls calls;
    private final ChannelExplorer explorer;
    private final ObjectMapper json;
    private final Validator validator;
    private final List<Route> routes;

    OpenApiRoutes(Notarization notarization, AssetTransfers assets, ChannelCalls calls, ChannelExplorer explorer, ObjectMapper json,
                  Validator validator) {
        this.notarization = notarization;
        this.assets = assets;
        this.calls = calls;
        this.explorer = explorer;
        this.json = json;
        this.validator = validator;
        this.routes = List.of(
                route("POST", CHANNEL + "/evidences", "notarization.notarize", app(BuiltInApp.NOTARIZATION, "notarize"), this::notarize),
                route("GET", CHANNEL + "/evidences/{evidence}", "notarization.read", app(BuiltInApp.NOTARIZATION, "read"),
                        i -> Answer.json(200, notarization.get(i.namespace(), i.channel(), i.path().get("evidence"), i.caller()))),
                route("GET", CHANNEL + "/evidences/{evidence}/receipt", "notarization.read", app(BuiltInApp.NOTARIZATION, "read"),
                        i -> new Answer(200, null, JSON, notarization.receipt(i.namespace(), i.channel(), i.path().get("evidence"),
                                "block".equals(i.query().get("proof")), i.caller()).toJson())),
                route("POST", CHANNEL + "/evidenceverifications", "notarization.verify", app(BuiltInApp.NOTARIZATION, "verify"), this::verify),
                route("GET", CHANNEL + "/assets", "asset-transfer.read", app(BuiltInApp.ASSET_TRANSFER, "read"),
                        i -> Answer.json(200, assets.overview(i.namespace(), i.channel(), i.caller()))),
                route("POST", CHANNEL + "/assets/transfers", "asset-transfer.transfer", app(BuiltInApp.ASSET_TRANSFER, "transfer"),
                        i -> Answer.json(201, assets.transfer(i.namespace(), i.channel(), parse(i, NewAssetMovement.class), i.caller()))),
                route("POST", CHANNEL + "/assets/issuances", "asset-transfer.issue", app(BuiltInApp.ASSET_TRANSFER, "issue"),
                        i -> Answer.json(201, assets.issue(i.namespace(), i.channel(), parse(i, NewAssetMovement.class), i.caller()))),
                route("GET", CHANNEL + "/assets/balances", "asset-transfer.read", app(BuiltInApp.ASSET_TRANSFER, "read"),
                        i -> Answer.json(200, assets.balance(i.namespace(), i.channel(), i.query().get("mspId"), i.query().get("clientId"),
                                i.caller()))),
                route("GET", CHANNEL + "/assets/movements", "asset-transfer.read", app(BuiltInApp.ASSET_TRANSFER, "read"),
                        i -> Answer.json(200, assets.movements(i.namespace(), i.channel(), i.query().get("mspId"), i.query().get("clientId"),
                                pageSize(i.query().get("limit")), i.query().get("continue"), i.caller()))),
                route("POST", CHANNEL + "/chaincodes/{chaincode}/submissions", "chaincode.submit", anyScopeOfChannel(),
                        i -> call(i, true)),
                route("POST", CHANNEL + "/chaincodes/{chaincode}/evaluations", "chaincode.evaluate", anyScopeOfChannel(),
                        i -> call(i, false)),
                route("GET", CHANNEL + "/transactions/{txId}", "ledger.read", anyScopeOfChannel(),
                        i -> Answer.json(200, explorer.transaction(explorer.channel(i.namespace(), i.channel()), i.path().get("txId")))),
                route("GET", CHANNEL + "/blocks/{number}", "ledger.read", anyScopeOfChannel(),
                        i -> Answer.json(200, explorer.block(explorer.channel(i.namespace(), i.channel()), blockNumber(i.path().get("number")),
                                pageNumber(i.query().get("page")), pageSize(i.query().get("limit"))))));
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route a request names, with its path's parameters; empty for any other path, including any with an escape. */
    public Optional<Matched> match(String method, String path) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                Map<String, String> parameters = new HashMap<>();
                for (String name : route.names()) {
                    parameters.put(name, matcher.group(name));
                }
                return Optional.of(new Matched(route, parameters));
            }
        }
        return Optional.empty();
    }

    private static Route route(String method, String template, String operation, Guard guard, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher parameter = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder("^");
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start())));
            // Path values are taken as sent: letters, digits and - . _ : only, so no escape or dot segment has two readings.
            regex.append("(?<").append(parameter.group(1)).append(">[A-Za-z0-9._:-]{1,256})");
            names.add(parameter.group(1));
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append('$');
        Guard ownNamespace = (application, path) -> {
            if (!application.namespace().equals(path.get("namespace"))) {
                throw OpenApiRefusal.outOfScope("The application acts only in its own namespace, " + application.namespace() + ".");
            }
            guard.check(application, path);
        };
        return new Route(method, template, operation, ownNamespace, handler, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    private static Guard app(BuiltInApp app, String operation) {
        return (application, path) -> {
            if (!application.allowsOperation(path.get("channel"), app.id(), operation)) {
                throw OpenApiRefusal.outOfScope("The application's scopes do not allow " + app.id() + " " + operation + " on channel "
                        + path.get("channel") + ".");
            }
        };
    }

    /** The channel in some scope; what a function call may do is checked once its body names the function. */
    private static Guard anyScopeOfChannel() {
        return (application, path) -> {
            if (!application.coversChannel(path.get("channel"))) {
                throw OpenApiRefusal.outOfScope("The application's scopes do not cover channel " + path.get("channel") + ".");
            }
        };
    }

    private Answer notarize(Invocation i) throws IOException {
        if (isOctets(i)) {
            return Answer.json(201, notarization.recordDocument(i.namespace(), i.channel(), new ByteArrayInputStream(i.body()),
                    i.query().get("hashAlgorithm"), i.query().get("title"), i.query().get("metadata"), i.caller()));
        }
        return Answer.json(201, notarization.record(i.namespace(), i.channel(), parse(i, NewEvidence.class), i.caller()));
    }

    private Answer verify(Invocation i) throws IOException {
        if (isOctets(i)) {
            return Answer.json(200, notarization.verifyDocument(i.namespace(), i.channel(), new ByteArrayInputStream(i.body()),
                    i.query().get("hashAlgorithm"), i.caller()));
        }
        return Answer.json(200, notarization.verify(i.namespace(), i.channel(), parse(i, EvidenceDigest.class), i.caller()));
    }

    /** A function call: {@code {"function", "arguments": [strings], "transient": {name: base64}}}, in scope for the function. */
    private Answer call(Invocation i, boolean submit) throws IOException {
        FunctionCall request = parse(i, FunctionCall.class);
        String chaincode = i.path().get("chaincode");
        if (!i.application().allowsFunction(i.channel(), chaincode, request.function(), submit)) {
            throw OpenApiRefusal.outOfScope("The application's scopes do not allow " + (submit ? "submitting " : "evaluating ")
                    + chaincode + " " + request.function() + " on channel " + i.channel() + ".");
        }
        ChannelCalls.Call call = request.on(chaincode, "body.");
        if (submit) {
            FabricGateway.Committed committed = calls.submit(i.namespace(), i.channel(), call, i.caller());
            return Answer.json(200, FunctionResult.of(committed.transactionId(), committed.blockNumber(), committed.result()));
        }
        return Answer.json(200, FunctionResult.of(null, null, calls.evaluate(i.namespace(), i.channel(), call, i.caller())));
    }

    private static boolean isOctets(Invocation i) {
        return i.contentType() != null && i.contentType().toLowerCase(java.util.Locale.ROOT).startsWith(OCTETS);
    }

    private static int pageSize(String text) {
        return (int) QueryNumbers.parse("limit", text, 20, 1, 100);
    }

    private static int pageNumber(String text) {
        return (int) QueryNumbers.parse("page", text, 1, 1, 1_000_000);
    }

    private static long blockNumber(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("The block number is a whole number.", List.of(new FieldError("number", "must be a whole number")));
        }
    }

    /** The body as JSON of the type, its constraints checked; an absent or non-JSON body is a 400. */
    private <T> T parse(Invocation i, Class<T> type) throws IOException {
        if (i.contentType() == null || !i.contentType().toLowerCase(java.util.Locale.ROOT).startsWith(JSON)) {
            throw new OpenApiRefusal(415, "UnsupportedMediaType", "Send the body as " + JSON + ".");
        }
        if (i.body().length == 0) {
            throw DomainException.invalid("The request has no body.", List.of(new FieldError("body", "must be given")));
        }
        T value = json.readValue(i.body(), type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw DomainException.invalid("The request has invalid fields.", violations.stream()
                    .map(v -> new FieldError("body." + v.getPropertyPath(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field)).toList());
        }
        return value;
    }
}
