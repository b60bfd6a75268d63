package io.baas.fabric.sandbox.participation;

import static io.baas.fabric.sandbox.participation.ParticipationBodies.BASE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.baas.fabric.sandbox.orderer.ChannelInfo;
import io.baas.fabric.sandbox.orderer.ChannelRegistry;
import io.baas.fabric.sandbox.orderer.ChannelRegistryException;
import io.baas.fabric.sandbox.participation.ParticipationBodies.ChannelInfoShort;
import io.baas.fabric.sandbox.participation.ParticipationBodies.ChannelList;
import io.baas.fabric.sandbox.participation.ParticipationBodies.ErrorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Fabric's channel participation REST API (orderer/common/channelparticipation): routes, status
 * codes, headers and JSON bodies as the orderer answers them, over the sandbox's channel registry.
 */
final class ParticipationHandler implements HttpHandler {

    // The orderer's default ChannelParticipation.MaxRequestBodySize.
    static final int MAX_REQUEST_BODY_SIZE = 1024 * 1024;
    private static final String CONFIG_BLOCK = "config-block";
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]{0,248}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelRegistry registry;

    ParticipationHandler(ChannelRegistry registry) {
        this.registry = registry;
    }

    /** An answer: status, extra headers, and a JSON body or none. */
    private record Answer(int status, List<String[]> headers, Optional<Object> body) {

        static Answer json(int status, Object body, String... headers) {
            List<String[]> pairs = new java.util.ArrayList<>();
            for (int i = 0; i < headers.length; i += 2) {
                pairs.add(new String[] {headers[i], headers[i + 1]});
            }
            return new Answer(status, pairs, Optional.of(body));
        }

        static Answer error(int status, String message, String... headers) {
            return json(status, new ErrorResponse(message), headers);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = route(exchange);
            // A request answered without reading its body (a refused method or media type) would leave
            // the body on a connection the client reuses for its next request.
            if (!drained(exchange.getRequestBody())) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            send(exchange, answer);
        }
    }

    /** Reads what is left of the request body, up to the size limit; false when more was left. */
    private static boolean drained(InputStream in) throws IOException {
        long left = MAX_REQUEST_BODY_SIZE + 1L;
        byte[] buffer = new byte[8192];
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= read;
        }
        return left > 0;
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(BASE)) {
            return switch (method) {
                case "GET" -> acceptsJson(exchange) ? list() : notAcceptable();
                case "POST" -> join(exchange);
                default -> Answer.error(405, "invalid request method: " + method, "Allow", "GET, POST");
            };
        }
        if (path.startsWith(BASE + "/") && path.indexOf('/', BASE.length() + 1) < 0) {
            String channelId = path.substring(BASE.length() + 1);
            if (!method.equals("GET") && !method.equals("DELETE")) {
                return Answer.error(405, "invalid request method: " + method, "Allow", "GET, DELETE");
            }
            if (!acceptsJson(exchange)) {
                return notAcceptable();
            }
            if (!CHANNEL_ID.matcher(channelId).matches()) {
                return Answer.error(400, "invalid channel ID: '" + channelId + "' contains illegal characters");
            }
            return method.equals("GET") ? info(channelId) : remove(channelId);
        }
        if (path.equals("/participation/v1/") && method.equals("GET")) {
            return new Answer(302, List.<String[]>of(new String[] {"Location", BASE}), Optional.empty());
        }
        return new Answer(404, List.of(), Optional.empty());
    }

    private Answer list() {
        List<ChannelInfoShort> channels = registry.channelIds().stream()
                .map(id -> new ChannelInfoShort(id, ParticipationBodies.url(id)))
                .toList();
        return Answer.json(200, new ChannelList(null, channels.isEmpty() ? null : channels), "Cache-Control", "no-store");
    }

    private Answer info(String channelId) {
        return registry.info(channelId)
                .map(info -> Answer.json(200, body(info), "Cache-Control", "no-store"))
                .orElseGet(() -> Answer.error(404, "channel does not exist"));
    }

    private Answer remove(String channelId) {
        try {
            registry.remove(channelId);
            return new Answer(204, List.of(), Optional.empty());
        } catch (ChannelRegistryException e) {
            return Answer.error(404, e.getMessage());
        }
    }

    private Answer join(HttpExchange exchange) throws IOException {
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!contentType.startsWith("multipart/form-data")) {
            return Answer.error(400, "unsupported Content-Type: " + exchange.getRequestHeaders().get("Content-Type"));
        }
        if (!acceptsJson(exchange)) {
            return notAcceptable();
        }
        Optional<String> boundary = MultipartForm.boundary(contentType);
        if (boundary.isEmpty()) {
            return Answer.error(400, "cannot read form from request body: no multipart boundary param in Content-Type");
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Answer.error(400, "cannot read form from request body: http: request body too large");
        }
        MultipartForm form;
        try {
            form = MultipartForm.parse(body, boundary.get());
        } catch (IllegalArgumentException e) {
            return Answer.error(400, "cannot read form from request body: " + e.getMessage());
        }
        Optional<MultipartForm.Part> blockPart = form.parts().stream()
                .filter(part -> part.file() && part.name().equals(CONFIG_BLOCK))
                .findFirst();
        if (blockPart.isEmpty()) {
            return Answer.error(400, "form does not contains part key: " + CONFIG_BLOCK);
        }
        if (form.parts().size() != 1) {
            return Answer.error(400, "form contains too many parts");
        }
        Block block;
        try {
            block = Block.parseFrom(blockPart.get().content());
        } catch (InvalidProtocolBufferException e) {
            return Answer.error(400, "cannot unmarshal file part " + CONFIG_BLOCK + " into a block: " + e.getMessage());
        }
        try {
            ChannelInfo info = registry.join(block);
            return Answer.json(201, body(info), "Location", ParticipationBodies.url(info.name()));
        } catch (ChannelRegistryException e) {
            return switch (e.reason()) {
                case ALREADY_EXISTS -> Answer.error(405, e.getMessage(), "Allow", "GET, DELETE");
                case NOT_FOUND -> Answer.error(404, e.getMessage());
                case INVALID_JOIN_BLOCK, CANNOT_JOIN -> Answer.error(400, e.getMessage());
            };
        }
    }

    private static ParticipationBodies.ChannelInfo body(ChannelInfo info) {
        return new ParticipationBodies.ChannelInfo(info.name(), ParticipationBodies.url(info.name()), "consenter", "active",
                info.height());
    }

    /** Go's negotiateContentType: no Accept header, or one naming JSON or a wildcard. */
    private static boolean acceptsJson(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept == null || accept.isEmpty() || accept.contains("application/json") || accept.contains("application/*")
                || accept.contains("*/*");
    }

    private static Answer notAcceptable() {
        return Answer.error(406, "response Content-Type is application/json only");
    }

    /** The body, or null when it exceeds the limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BODY_SIZE + 1);
        return body.length > MAX_REQUEST_BODY_SIZE ? null : body;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(header -> exchange.getResponseHeaders().add(header[0], header[1]));
        if (answer.body().isEmpty()) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        // Go's json.Encoder ends the document with a newline.
        byte[] body = (toJson(answer.body().get()) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("participation bodies are plain records", e);
        }
    }
}
