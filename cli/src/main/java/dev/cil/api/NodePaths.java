package dev.cil.api;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a node's daemon keeps its things, shared by the daemon, its client and the commands that
 * read pinned maps directly:
 *
 * <pre>
 *   /var/lib/cil/NODE/state.json       endpoints, IPAM, node settings (written atomically)
 *   /var/lib/cil/identities.json       security identities, shared by every node on the machine
 *   /run/cil/NODE/cil.sock             the REST API (root only: mode 0600 + peer credentials)
 *   /run/cil/NODE/cil.pid              the daemon's pid
 *   /run/cil/NODE/daemon.log           its log (stdout and stderr of {@code cil daemon start})
 *   /sys/fs/bpf/cil/NODE/              maps pinned by name (cilium_lxc, cilium_ipcache, …)
 *   /sys/fs/bpf/cil/NODE/progs/        the loaded programs, so a restart re-opens them
 *   /sys/fs/bpf/cil/NODE/links/DEVICE/ tcx links (ingress, egress; bpffs refuses dots in names)
 * </pre>
 *
 * Network namespaces (iproute2's, under /run/netns): {@code cil-NODE} for the node,
 * {@code cil-NODE_health} for its health endpoint and {@code cil-NODE_NAMESPACE_POD} for pods. Node,
 * namespace and pod names never contain {@code _}, so the prefix {@code cil-NODE_} names exactly the
 * node's pods.
 */
public record NodePaths(String node, Path stateDir, Path runDir, Path pinDir) {
    public static final Path STATE_ROOT = Path.of("/var/lib/cil");
    public static final Path RUN_ROOT = Path.of("/run/cil");
    public static final Path BPF_ROOT = Path.of("/sys/fs/bpf/cil");
    /** The node every command talks to unless {@code -N/--node} or {@code CIL_NODE} says otherwise. */
    public static final String DEFAULT_NODE = "k8s-s";
    /** Node names: a DNS label of at most 32 characters (so {@code cil-NODE_NS_POD} fits a file name). */
    public static final int MAX_NODE = 32;
    private static final Pattern NODE = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public static NodePaths of(String node) {
        checkNode(node);
        return new NodePaths(node, STATE_ROOT.resolve(node), RUN_ROOT.resolve(node), BPF_ROOT.resolve(node));
    }

    /** @throws IllegalArgumentException with a one-line reason if {@code node} is not a valid node name */
    public static String checkNode(String node) {
        if (node == null || node.isEmpty() || node.length() > MAX_NODE || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("invalid node name '" + node + "': 1-" + MAX_NODE
                    + " lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        return node;
    }

    /** The node's default when neither {@code -N} nor {@code CIL_NODE} is given. */
    public static String defaultNode() {
        String env = System.getenv("CIL_NODE");
        return env == null || env.isEmpty() ? DEFAULT_NODE : env;
    }

    public Path socket() { return runDir.resolve("cil.sock"); }

    public Path pidFile() { return runDir.resolve("cil.pid"); }

    public Path logFile() { return runDir.resolve("daemon.log"); }

    public Path lockFile() { return runDir.resolve("daemon.lock"); }

    public Path stateFile() { return stateDir.resolve("state.json"); }

    public static Path identityStore() { return STATE_ROOT.resolve("identities.json"); }

    public Path mapPin(String map) { return pinDir.resolve(map); }

    public Path progDir() { return pinDir.resolve("progs"); }

    public Path linkDir() { return pinDir.resolve("links"); }

    /** The node's network namespace. */
    public String netns() { return "cil-" + node; }

    /** Prefix of every endpoint namespace of this node. */
    public String endpointNetnsPrefix() { return "cil-" + node + "_"; }

    public String healthNetns() { return endpointNetnsPrefix() + "health"; }

    public String podNetns(String namespace, String pod) { return endpointNetnsPrefix() + namespace + "_" + pod; }
}
