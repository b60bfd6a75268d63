package io.baas.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The mock server in CRUD mode, refusing what a real API server refuses and the mock accepts: a
 * StatefulSet update or patch that changes {@code spec.volumeClaimTemplates} (422, the whole
 * request, as the API server's validation does).
 */
final class ImmutableClaimTemplatesDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATES = "/spec/volumeClaimTemplates";

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        if (isStatefulSet(request)) {
            JsonNode patch = read(body(request));
            boolean changes = patch.isArray()
                    ? java.util.stream.StreamSupport.stream(patch.spliterator(), false)
                            .anyMatch(op -> op.path("path").asText().startsWith(TEMPLATES))
                    : !patch.at(TEMPLATES).isMissingNode() && !patch.at(TEMPLATES).equals(stored(request).at(TEMPLATES));
            if (changes) {
                return forbidden();
            }
        }
        return super.handlePatch(request);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        if (isStatefulSet(request) && !read(body(request)).at(TEMPLATES).equals(stored(request).at(TEMPLATES))) {
            return forbidden();
        }
        return super.handleUpdate(request);
    }

    /** Without consuming it: the CRUD dispatcher reads the body again. */
    private static String body(RecordedRequest request) {
        return new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isStatefulSet(RecordedRequest request) {
        return request.getPath().startsWith("/apis/apps/v1/") && request.getPath().contains("/statefulsets/");
    }

    private JsonNode stored(RecordedRequest request) {
        String path = request.getPath().contains("?") ? request.getPath().substring(0, request.getPath().indexOf('?')) : request.getPath();
        MockResponse current = handleGet(path);
        return current.code() == 200 ? read(current.getBody().readUtf8()) : JSON.createObjectNode();
    }

    private static MockResponse forbidden() {
        return new MockResponse().setResponseCode(422).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"reason\":\"Invalid\",\"code\":422,\"message\":\"StatefulSet.apps is invalid: spec: Forbidden: updates to statefulset"
                + " spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy'"
                + " and 'minReadySeconds' are forbidden\"}");
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
