package io.baas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The shape of the code as rules (docs/architecture.md, "Modules and folders" and "Layers").
 * Maven already refuses a module that uses one above it; these rules say the same thing about
 * packages, where Maven cannot see (a split package, a class moved into the wrong folder), and
 * refuse cycles between packages inside a module.
 */
final class ArchitectureRules {

    /** Libraries the Fabric library may use: no framework, no Kubernetes, no service. */
    private static final String[] FABRIC_LIBRARIES = {"java..", "javax..", "com.google.protobuf..", "com.google.rpc..",
        "com.google.common..", "io.grpc..", "org.hyperledger.fabric..", "org.bouncycastle..", "com.fasterxml.jackson..",
        "org.apache.commons.compress.."};

    /** The module {@code fabric}: every io.baas.fabric package but the sandbox, every io.baas.pki package but pki.k8s. */
    static final String[] FABRIC_MODULE = {"io.baas.fabric", "io.baas.fabric.admin..", "io.baas.fabric.block..",
        "io.baas.fabric.chaincode..", "io.baas.fabric.configtx..", "io.baas.fabric.gateway..", "io.baas.fabric.identity..",
        "io.baas.fabric.lifecycle..", "io.baas.fabric.node..", "io.baas.fabric.policy..", "io.baas.fabric.tls..", "io.baas.fabric.transaction..",
        "io.baas.pki", "io.baas.pki.fabricca..", "io.baas.pki.lifecycle..", "io.baas.pki.msp.."};

    static final ArchRule FABRIC_LIBRARY_STANDS_ALONE = classes().that().resideInAnyPackage(FABRIC_MODULE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(FABRIC_MODULE, FABRIC_LIBRARIES))
            .as("the Fabric library (module fabric) uses only itself, the JDK, protobuf, gRPC, Fabric's protos and gateway, "
                    + "Bouncy Castle, Jackson and Commons Compress");

    static final ArchRule SANDBOX_USES_ONLY_THE_LIBRARY = classes().that().resideInAPackage("io.baas.fabric.sandbox..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(concat(FABRIC_MODULE, FABRIC_LIBRARIES),
                    "io.baas.fabric.sandbox..", "com.sun.net.httpserver.."))
            .as("the sandbox Fabric (module sandbox) uses only itself, the Fabric library and its libraries");

    /**
     * The service's layers, each using only those below it: foundation (domain errors, typed
     * configuration), the Fabric library, store and resources, the Kubernetes side, identity and
     * access, the domain services and node runtimes, the reconcilers, the workflows that act on
     * live networks through them (channel proposals, notifications), the HTTP edge, and the
     * dev-only embedded cluster on top.
     */
    static final ArchRule SERVICE_LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Foundation").definedBy("io.baas.error..", "io.baas.config..")
            .layer("Library").definedBy("io.baas.fabric..", "io.baas.pki..")
            .layer("Store").definedBy("io.baas.store..")
            .layer("Resources").definedBy("io.baas.crd..")
            .layer("Kubernetes").definedBy("io.baas.k8s..")
            .layer("Identity").definedBy("io.baas.iam..")
            .layer("Domain").definedBy("io.baas.organization..", "io.baas.consortium..", "io.baas.keyuse..", "io.baas.chaincode..",
                    "io.baas.channel..", "io.baas.runtime..", "io.baas.auditlog..", "io.baas.application..")
            .layer("Reconcile").definedBy("io.baas.reconcile..")
            .layer("Workflow").definedBy("io.baas.livechannel..", "io.baas.notification..", "io.baas.apps..", "io.baas.explorer..",
                    "io.baas.webhook..")
            .layer("Edge").definedBy("io.baas.api..", "io.baas.audit..", "io.baas.health..", "io.baas.openapi..")
            .layer("Dev").definedBy("io.baas.dev..")
            .whereLayer("Foundation").mayNotAccessAnyLayer()
            .whereLayer("Library").mayNotAccessAnyLayer()
            .whereLayer("Store").mayOnlyAccessLayers("Foundation")
            .whereLayer("Resources").mayOnlyAccessLayers("Foundation")
            .whereLayer("Kubernetes").mayOnlyAccessLayers("Foundation", "Library", "Resources")
            .whereLayer("Identity").mayOnlyAccessLayers("Foundation", "Library", "Store", "Resources", "Kubernetes")
            .whereLayer("Domain").mayOnlyAccessLayers("Foundation", "Library", "Store", "Resources", "Kubernetes", "Identity")
            .whereLayer("Reconcile").mayOnlyAccessLayers("Foundation", "Library", "Store", "Resources", "Kubernetes", "Identity",
                    "Domain")
            .whereLayer("Workflow").mayOnlyAccessLayers("Foundation", "Library", "Store", "Resources", "Kubernetes", "Identity", "Domain",
                    "Reconcile")
            .whereLayer("Edge").mayOnlyAccessLayers("Foundation", "Library", "Store", "Resources", "Kubernetes", "Identity", "Domain",
                    "Workflow")
            .whereLayer("Dev").mayOnlyAccessLayers("Foundation", "Library", "Store", "Resources", "Kubernetes", "Identity", "Domain")
            .as("the service's layers use only those below them");

    static final ArchRule NO_CYCLE_BETWEEN_TOP_LEVEL_PACKAGES = slices().matching("io.baas.(*)..").should().beFreeOfCycles()
            .as("no cycle between io.baas.* packages");

    /**
     * In the Fabric library, every package its own slice, the root of a package tree included
     * (io.baas.pki against io.baas.pki.lifecycle, which slices by name pattern cannot see).
     */
    private static final SliceAssignment EACH_LIBRARY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            boolean library = (name.startsWith("io.baas.fabric") && !name.startsWith("io.baas.fabric.sandbox"))
                    || (name.startsWith("io.baas.pki") && !name.startsWith("io.baas.pki.k8s"));
            return library ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of the Fabric library";
        }
    };

    static final ArchRule NO_CYCLE_BETWEEN_LIBRARY_PACKAGES = slices().assignedFrom(EACH_LIBRARY_PACKAGE).should().beFreeOfCycles()
            .as("no cycle between any two packages of the Fabric library");

    /**
     * One status writer: only the reconcilers write a resource's status, through StatusWriter (which
     * skips a write that changes nothing, retries on conflict and sets observedGeneration).
     */
    static final ArchRule ONLY_RECONCILERS_WRITE_STATUS = noClasses().that().resideOutsideOfPackage("io.baas.reconcile..")
            .and().doNotHaveFullyQualifiedName("io.baas.k8s.StatusWriter")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.baas.k8s.StatusWriter")
            .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.nameMatching("(update|patch|edit|replace)Status")))
            .as("only the reconcilers write status, through StatusWriter");

    private ArchitectureRules() {
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
