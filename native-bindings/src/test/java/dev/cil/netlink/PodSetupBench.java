package dev.cil.netlink;

import dev.cil.netns.NetNs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cil.netlink.KernelTestSupport.unique;

/**
 * Not part of the suite (failsafe runs *KernelIT only): {@code mvn verify -Dit.test=PodSetupBench}.
 * Creates "pods" the way docs/performance.md section 5 does with iproute2 batches (netns, veth with the
 * peer created in the pod, addresses, routes, links up; no tc) and prints the mean time per pod.
 */
class PodSetupBench {
    @Test
    void podSetup() {
        String node = unique("cilnode");
        List<String> pods = new ArrayList<>();
        try (NetNs nodeNs = NetNs.create(node); Rtnl nodeRt = Rtnl.open(nodeNs)) {
            int warm = 5, n = 50;
            long total = 0, tNs = 0, tOpen = 0, tVeth = 0, tNode = 0;
            for (int i = 0; i < warm + n; i++) {
                String podName = unique("cilpod");
                pods.add(podName);
                String ip = "10.203." + (i / 250) + "." + (i % 250 + 1);
                long t0 = System.nanoTime();
                try (NetNs pod = NetNs.create(podName)) {
                    long t1 = System.nanoTime();
                    try (Rtnl podRt = Rtnl.open(pod)) {
                    long t2 = System.nanoTime();
                    String lxc = "lxc" + i;
                    nodeRt.createVeth(lxc, "eth0", pod);
                    long t3 = System.nanoTime();
                    nodeRt.setUp(lxc);
                    nodeRt.addRoute(Route.to(ip).dev(nodeRt.ifindex(lxc)));
                    long t4 = System.nanoTime();
                    if (i >= warm) { tNs += t1 - t0; tOpen += t2 - t1; tVeth += t3 - t2; tNode += t4 - t3; }
                    int eth0 = podRt.ifindex("eth0");
                    podRt.addAddress(eth0, Ip.v4(ip), 32);
                    podRt.setUp(eth0);
                    podRt.setUp("lo");
                    podRt.addRoute(Route.to("10.203.255.254").dev(eth0).withScope(Route.SCOPE_LINK));
                    podRt.addRoute(Route.to("default").via("10.203.255.254").dev(eth0));
                    }
                }
                long dt = System.nanoTime() - t0;
                if (i >= warm) total += dt;
            }
            System.out.printf("pod setup: %.2f ms/pod (mean of %d, after %d warm-up)%n", total / 1e6 / n, n, warm);
            System.out.printf("  netns create %.2f, socket in pod %.2f, veth %.2f, node up+route %.2f, pod addr/up/routes %.2f ms%n",
                    tNs / 1e6 / n, tOpen / 1e6 / n, tVeth / 1e6 / n, tNode / 1e6 / n, (total - tNs - tOpen - tVeth - tNode) / 1e6 / n);
        } finally {
            long t0 = System.nanoTime();
            for (String p : pods) NetNs.delete(p);
            System.out.printf("pod delete (netns unmount+unlink): %.2f ms/pod%n", (System.nanoTime() - t0) / 1e6 / pods.size());
            NetNs.delete(node);
        }
    }
}
