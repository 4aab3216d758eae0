package dev.cil.cli.command.endpoint;

import dev.cil.api.Endpoint;
import dev.cil.api.EndpointChangeRequest;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** {@code cil endpoint create}: a pod. */
@Command(name = "create",
        description = {"Create a pod on the node: a network namespace cil-NODE_NS_NAME with eth0 (a /32 from the pod CIDR,"
                + " a default route via the router), a host-side lxc device in the node namespace, its cilium_lxc and"
                + " cilium_ipcache entries and the datapath's programs on the device.",
                "Labels are key=value (source k8s) or source:key=value; cil adds the namespace labels Cilium adds."
                + " Pods with the same labels share one security identity."},
        footer = {"%nExamples:", "  cil endpoint create netpod --labels app=netpod",
                "  cil endpoint create webpod1 --labels app=webpod",
                "  cil -N k8s-w1 endpoint create coredns -n kube-system --labels k8s-app=kube-dns"})
public final class EndpointCreateCommand extends LeafCommand {
    @Parameters(paramLabel = "NAME", description = "The pod name (a DNS label).")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "The pod's namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-l", "--labels"}, paramLabel = "K=V[,K=V…]", split = ",",
            description = "The pod's labels, comma-separated (repeatable).")
    List<String> labels = new ArrayList<>();

    @Override
    protected int execute() {
        Endpoint ep = Agent.call(global(), c -> c.create(new EndpointChangeRequest(namespace, name, labels)));
        if (global().json()) {
            ModelJson.print(out(), ep, global().compactJson());
        } else {
            long identity = ep.status() != null && ep.status().identity() != null ? ep.status().identity().id() : 0;
            out().println("endpoint " + ep.id() + " " + namespace + "/" + name + " created: " + ep.ipv4() + ", identity " + identity);
        }
        return ExitCodes.OK;
    }
}
