package io.baas.dev;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory API's storage (fabric8's CRUD dispatcher) plus the one review a client of it asks
 * at start: a SelfSubjectRulesReview, which a real API server answers from RBAC and the CRUD store
 * would only echo. The embedded API has no RBAC, so the answer is "everything": the same the
 * service's own ClusterRole would grant it, and more.
 *
 * <p>fabric8's web server also queues every request it receives, body and all, for a test to take;
 * nothing takes them here, so the dispatcher drops them as they come, or a long-running dev
 * service would keep every call it ever made to its API.
 */
public class EmbeddedApiDispatcher extends KubernetesCrudDispatcher {

    static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private final MockWebServer web;

    private EmbeddedApiDispatcher(MockWebServer web) {
        this.web = web;
    }

    /** The in-memory API, not yet started ({@link KubernetesMockServer#init}). */
    public static KubernetesMockServer server() {
        MockWebServer web = new MockWebServer();
        return new KubernetesMockServer(new Context(), web, new HashMap<>(), new EmbeddedApiDispatcher(web), false);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        forgetRecordedRequests();
        return super.dispatch(request);
    }

    /** The web server queues a request before it dispatches it, so this one goes too. */
    private void forgetRecordedRequests() {
        try {
            while (web.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                // dropped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (request.getPath() != null && request.getPath().startsWith(RULES_REVIEWS)) {
            return reviewed(request);
        }
        return super.handleCreate(request);
    }

    private static MockResponse reviewed(RecordedRequest request) {
        SelfSubjectRulesReview review = Serialization.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class);
        review.setStatus(new SubjectRulesReviewStatusBuilder()
                .withIncomplete(false)
                .withResourceRules(new ResourceRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build())
                .build());
        return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
    }
}
