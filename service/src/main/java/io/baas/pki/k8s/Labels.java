package io.baas.pki.k8s;

import io.baas.pki.InvalidNameException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The labels on every PKI object, so the service can find an organization's or a node's material. */
public final class Labels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String ORGANIZATION = "baas.io/organization";
    public static final String NODE = "baas.io/node";
    public static final String MANAGER = "ks-baas";

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    private Labels() {}

    static Map<String, String> organization(String organization, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(COMPONENT, component);
        labels.put(ORGANIZATION, requireValue(organization));
        return labels;
    }

    static Map<String, String> node(String organization, String node, String component) {
        Map<String, String> labels = organization(organization, component);
        labels.put(NODE, requireValue(node));
        return labels;
    }

    /**
     * Whether the object carries every expected label with exactly that value: how a Secret found by
     * name is checked before it is read, changed or deleted (its name alone proves nothing).
     */
    public static boolean carries(HasMetadata object, Map<String, String> expected) {
        Map<String, String> labels = object == null || object.getMetadata() == null ? null : object.getMetadata().getLabels();
        return labels != null && expected.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static String requireValue(String value) {
        if (value == null || value.isEmpty() || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            throw new InvalidNameException("not a valid label value: '" + value + "'");
        }
        return value;
    }
}
