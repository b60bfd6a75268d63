package io.baas.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.consortium.ChannelService;
import io.baas.crd.Channel;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import io.baas.livechannel.ChaincodeDeploymentView;
import io.baas.livechannel.ChaincodeDeployments;
import io.baas.livechannel.NewChaincodeDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The business apps of a channel. Enabling one deploys its built-in package under the app's name
 * (the chaincode deployment flow: every organization then approves it); enabling asset transfer
 * again once committed calls its {@code Initialize} with the chosen minters, as the caller. Each
 * step is idempotent, so enabling is asked again until the app is Ready.
 */
@ApplicationScoped
public class BuiltInApps {

    private static final Logger LOG = Logger.getLogger(BuiltInApps.class);

    /** What enabling did: deployed the app's chaincode now, or found it. */
    public record Enabled(BuiltInAppView view, boolean deployed) {
    }

    private final ChaincodeDeployments deployments;
    private final ChannelService channels;
    private final KubernetesClient client;
    private final AppCalls calls;

    BuiltInApps(ChaincodeDeployments deployments, ChannelService channels, KubernetesClient client, AppCalls calls) {
        this.deployments = deployments;
        this.channels = channels;
        this.client = client;
        this.calls = calls;
    }

    /**
     * Each app and where it stands on the channel. A committed app is asked a read as the caller
     * (asset transfer its minters): Starting while its peers still load it, Ready once it answers.
     */
    public List<BuiltInAppView> list(String namespace, String channelName, Caller caller) {
        List<ChaincodeDeploymentView> deployed = deployments.list(namespace, channelName);
        return Arrays.stream(BuiltInApp.values()).map(app -> deployed.stream().filter(d -> d.name().equals(app.id())).findFirst()
                .map(d -> current(namespace, channelName, app, d, caller))
                .orElse(new BuiltInAppView(app.id(), app.id(), "NotEnabled", null, null, null))).toList();
    }

    private BuiltInAppView current(String namespace, String channel, BuiltInApp app, ChaincodeDeploymentView deployed, Caller caller) {
        if (!isBuiltIn(app, deployed)) {
            return view(app, deployed, "NameTaken", null); // another chaincode under the app's name: never called as the app
        }
        if (!deployed.committed()) {
            return view(app, deployed, "AwaitingApprovals", null);
        }
        try {
            if (app == BuiltInApp.NOTARIZATION) {
                calls.evaluate(namespace, channel, app, caller, "VerifyEvidence", Notarization.DEFAULT_ALGORITHM, "0".repeat(64));
                return view(app, deployed, "Ready", null);
            }
            Optional<List<String>> minters = currentMinters(namespace, channel, caller);
            return view(app, deployed, minters.isPresent() ? "Ready" : "AwaitingInitialization", minters.orElse(null));
        } catch (DomainException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                return view(app, deployed, "Starting", null);
            }
            throw e;
        }
    }

    public Enabled enable(String namespace, String channelName, NewBuiltInApp request, Caller caller) {
        BuiltInApp app = BuiltInApp.named(request.app()).orElseThrow(() -> DomainException.invalid("There is no such app.",
                List.of(new FieldError("app", "must be one of notarization, asset-transfer"))));
        Channel channel = channels.channel(namespace, channelName);
        List<String> minters = minters(app, channel, request.minters());
        Optional<ChaincodeDeploymentView> existing = deployments.list(namespace, channelName).stream()
                .filter(d -> d.name().equals(app.id())).findFirst();
        if (existing.isPresent()) {
            requireBuiltIn(app, existing.get(), channelName);
            return new Enabled(ready(namespace, channelName, app, existing.get(), minters, caller), false);
        }
        ChaincodeDeploymentView created = deployments.deploy(namespace, channelName, new NewChaincodeDeployment(app.id(),
                new NewChaincodeDeployment.PackageRef(null, app.packageName(), app.version()), null, null, null), caller).view();
        LOG.infof("%s enabled the %s app on channel %s from namespace %s.", caller.username(), app.id(), channelName, namespace);
        return new Enabled(view(app, created, "AwaitingApprovals", null), true);
    }

    /** A committed asset transfer gets its minters, once; the notarization app needs nothing more. */
    private BuiltInAppView ready(String namespace, String channel, BuiltInApp app, ChaincodeDeploymentView deployed, List<String> minters,
                                 Caller caller) {
        if (app != BuiltInApp.ASSET_TRANSFER || !deployed.committed()) {
            return current(namespace, channel, app, deployed, caller);
        }
        Optional<List<String>> current = currentMinters(namespace, channel, caller);
        if (current.isPresent()) {
            if (!current.get().equals(minters)) {
                throw new DomainException(ErrorKind.CONFLICT, "ALREADY_INITIALIZED", "Asset transfer on channel " + channel
                        + " is initialized with minters " + current.get() + ", not " + minters + "; minters are set once.");
            }
            return view(app, deployed, "Ready", current.get());
        }
        JsonNode initialized = calls.submit(namespace, channel, app, caller, "Initialize", AppCalls.JSON.valueToTree(minters).toString()).result();
        List<String> set = new ArrayList<>();
        initialized.path("minters").forEach(m -> set.add(m.asText()));
        LOG.infof("%s initialized asset transfer on channel %s with minters %s.", caller.username(), channel, set);
        return view(app, deployed, "Ready", set);
    }

    private Optional<List<String>> currentMinters(String namespace, String channel, Caller caller) {
        try {
            List<String> minters = new ArrayList<>();
            calls.evaluate(namespace, channel, BuiltInApp.ASSET_TRANSFER, caller, "GetMinters").path("minters").forEach(m -> minters.add(m.asText()));
            return Optional.of(minters);
        } catch (DomainException e) {
            if ("NOT_INITIALIZED".equals(e.reason())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The minters' MSP IDs, sorted as the chaincode keeps them; each must be an organization of the channel. */
    private List<String> minters(BuiltInApp app, Channel channel, List<String> organizations) {
        List<String> names = organizations == null ? List.of() : organizations;
        if (app != BuiltInApp.ASSET_TRANSFER) {
            if (!names.isEmpty()) {
                throw DomainException.invalid("Only asset transfer has minters.", List.of(new FieldError("minters", "must be left out")));
            }
            return List.of();
        }
        if (names.isEmpty()) {
            throw DomainException.invalid("Asset transfer needs its minters.", List.of(new FieldError("minters",
                    "must name the organizations that may issue, the caller's among them")));
        }
        List<String> mspIds = new ArrayList<>();
        for (String name : names) {
            Organization organization = channel.getSpec().organizations.contains(name) ? client.resources(Organization.class).withName(name).get() : null;
            if (organization == null || organization.getSpec() == null || organization.getSpec().mspId == null) {
                throw DomainException.invalid("A minter is no organization of channel " + channel.getMetadata().getName() + ".",
                        List.of(new FieldError("minters", name + " is not an organization of the channel")));
            }
            mspIds.add(organization.getSpec().mspId);
        }
        return mspIds.stream().distinct().sorted().toList();
    }

    private static boolean isBuiltIn(BuiltInApp app, ChaincodeDeploymentView deployed) {
        return deployed.packageRef() != null && deployed.packageRef().workspace == null && app.packageName().equals(deployed.packageRef().name);
    }

    /** The app's name on the channel taken by another package is not the app. */
    private static void requireBuiltIn(BuiltInApp app, ChaincodeDeploymentView deployed, String channel) {
        if (!isBuiltIn(app, deployed)) {
            throw new DomainException(ErrorKind.CONFLICT, "ChaincodeNameTaken", "Chaincode " + app.id() + " on channel " + channel
                    + " is another package than the built-in " + app.id() + " app.");
        }
    }

    private static BuiltInAppView view(BuiltInApp app, ChaincodeDeploymentView deployed, String state, List<String> minters) {
        return new BuiltInAppView(app.id(), deployed.name(), state, deployed.phase(), deployed.sequence(), minters);
    }
}
