package dev.cil.daemon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Cilium label, {@code source:key=value} ({@code source:key} when the value is empty). User labels
 * follow Kubernetes' syntax: a key is an optional DNS-subdomain prefix and {@code /} plus a name of at
 * most 63 characters; a value is at most 63 characters; names and values start and end with an
 * alphanumeric and may contain {@code -_.} inside.
 */
record Label(String source, String key, String value) implements Comparable<Label> {
    static final String K8S = "k8s", RESERVED = "reserved";
    private static final Set<String> USER_SOURCES = Set.of("k8s", "container", "unspec");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Kubernetes names of namespaces and pods (and our nodes): DNS-1123 labels. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** Labels Cilium derives from the pod's namespace and service account; users may not set them. */
    static final String NS_LABEL = "io.kubernetes.pod.namespace", CLUSTER_LABEL = "io.cilium.k8s.policy.cluster",
            SA_LABEL = "io.cilium.k8s.policy.serviceaccount",
            NS_NAME_LABEL = "io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name";

    static Label reserved(String name) { return new Label(RESERVED, name, ""); }

    /**
     * Parses a user label: {@code key=value}, {@code key} (empty value), or {@code source:key=value} with
     * source k8s (the default), container or unspec.
     * @throws IllegalArgumentException with a one-line reason
     */
    static Label parseUser(String s) {
        if (s == null || s.isEmpty()) throw new IllegalArgumentException("empty label");
        String source = K8S, rest = s;
        int colon = s.indexOf(':'), eq = s.indexOf('=');
        if (colon >= 0 && (eq < 0 || colon < eq)) {
            source = s.substring(0, colon);
            rest = s.substring(colon + 1);
            if (source.equals(RESERVED)) throw new IllegalArgumentException("label '" + s + "': reserved labels belong to reserved identities");
            if (!USER_SOURCES.contains(source)) {
                throw new IllegalArgumentException("label '" + s + "': unknown source '" + source + "' (k8s, container, unspec)");
            }
        }
        int e = rest.indexOf('=');
        String key = e < 0 ? rest : rest.substring(0, e), value = e < 0 ? "" : rest.substring(e + 1);
        checkKey(s, key);
        if (value.length() > 63 || !value.isEmpty() && !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("label '" + s + "': invalid value '" + value
                    + "' (at most 63 characters: alphanumerics and -_. inside)");
        }
        return new Label(source, key, value);
    }

    private static void checkKey(String s, String key) {
        if (key.isEmpty()) throw new IllegalArgumentException("label '" + s + "': empty key");
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash), name = slash < 0 ? key : key.substring(slash + 1);
        if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
            throw new IllegalArgumentException("label '" + s + "': invalid key prefix '" + prefix + "' (a DNS subdomain)");
        }
        if (name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("label '" + s + "': invalid key '" + name
                    + "' (1-63 characters: alphanumerics and -_. inside)");
        }
    }

    /**
     * The security-relevant labels of a pod, sorted: the user's, plus those Cilium derives from the
     * namespace ({@code k8s:io.kubernetes.pod.namespace=NS}, the namespace's {@code metadata.name}
     * label, cluster {@code default}, service account {@code default}).
     */
    static List<String> podLabels(String namespace, Collection<Label> user) {
        TreeSet<String> out = new TreeSet<>();
        for (Label l : user) {
            if (l.source.equals(K8S) && (l.key.equals(NS_LABEL) || l.key.equals(CLUSTER_LABEL) || l.key.equals(SA_LABEL)
                    || l.key.equals(NS_NAME_LABEL))) {
                throw new IllegalArgumentException("label '" + l + "' is set by cil from the namespace and service account");
            }
            out.add(l.toString());
        }
        out.add(new Label(K8S, NS_LABEL, namespace).toString());
        out.add(new Label(K8S, NS_NAME_LABEL, namespace).toString());
        out.add(new Label(K8S, CLUSTER_LABEL, "default").toString());
        out.add(new Label(K8S, SA_LABEL, "default").toString());
        return new ArrayList<>(out);
    }

    /** Cilium's {@code labelsSHA256}: SHA-256 of the sorted labels, each followed by {@code ;}. */
    static String sha256(List<String> sortedLabels) {
        StringBuilder b = new StringBuilder();
        for (String l : sortedLabels) b.append(l).append(';');
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() { return source + ":" + key + (value.isEmpty() ? "" : "=" + value); }

    @Override
    public int compareTo(Label o) { return toString().compareTo(o.toString()); }
}
