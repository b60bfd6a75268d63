package io.baas.dev;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bin/ks-dev-workspace, which the README's dev-mode walkthrough uses to add tenants, against the
 * embedded API: the workspace, user and admin binding it writes are ones the service's IAM reads,
 * so the new user administers that workspace and no other; a second run changes nothing.
 */
@QuarkusTest
class DevWorkspaceScriptTest {

    static final Path SCRIPT = Path.of("..", "bin", "ks-dev-workspace");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Test
    void theScriptsWorkspaceAdminAdministersItsWorkspaceOnly() throws Exception {
        new KubeSphereFixtures(client, iam);
        for (int run = 1; run <= 2; run++) {
            Result result = run(api(), "dev-ws", "dev-ws-owner");
            assertThat(result.exit()).as("run %d: %s", run, result.output()).isZero();
            assertThat(result.output()).contains("workspace dev-ws with admin dev-ws-owner");
        }
        KubeSphereFixtures.await(() -> iam.workspaceExists("dev-ws") && iam.userState("dev-ws-owner").isPresent());
        KubeSphereFixtures.await(() -> given().header("Authorization", TestTokens.bearer("dev-ws-owner"))
                .get("/kapis/baas.io/v1/workspaces/dev-ws/organizations").statusCode() == 200);
        assertError(given().header("Authorization", TestTokens.bearer("dev-ws-owner"))
                .get("/kapis/baas.io/v1/workspaces/system-workspace/organizations").then(), 403, "Forbidden");
    }

    @Test
    void withoutAnApiItSaysSo() throws Exception {
        Result result = run("http://127.0.0.1:1", "dev-ws", "dev-ws-owner");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("no embedded Kubernetes API at http://127.0.0.1:1");
        assertThat(run(api(), "only-one-argument").exit()).isEqualTo(2);
    }

    private String api() {
        return client.getMasterUrl().toString().replaceAll("/$", "");
    }

    private static Result run(String api, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBE_API", api);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
