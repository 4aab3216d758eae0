package dev.cil.cli.command;

import dev.cil.api.BpfMapModel;
import dev.cil.api.Endpoint;
import dev.cil.api.Identity;
import dev.cil.api.IpListEntry;
import dev.cil.api.maps.IpcacheMap;
import dev.cil.api.maps.LxcMap;
import dev.cil.cli.command.bpf.BpfMetricsListCommand;
import dev.cil.cli.command.endpoint.EndpointListView;
import dev.cil.cli.command.identity.IdentityView;
import dev.cil.cli.command.ip.IpListView;
import dev.cil.cli.command.map.MapGetView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every cilium-dbg view against the tables of formats.md (src/test/resources/golden/formats, copied
 * from the [R] blocks rendered with Go's own tabwriter), fed with the seed's values through cil's
 * models and codecs. Byte for byte, trailing spaces included.
 */
class FormatsGoldenTest {
    static String golden(String name) throws IOException {
        try (InputStream in = FormatsGoldenTest.class.getResourceAsStream("/golden/formats/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Inet4Address ip(String s) throws IOException { return (Inet4Address) InetAddress.getByName(s); }

    static final List<String> NETPOD = List.of("k8s:app=netpod",
            "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default", "k8s:io.cilium.k8s.policy.cluster=default",
            "k8s:io.cilium.k8s.policy.serviceaccount=default", "k8s:io.kubernetes.pod.namespace=default");

    static Endpoint ep(long id, long identity, List<String> labels, String ipv4) {
        return new Endpoint(id, new Endpoint.Status(null, Endpoint.Health.OK, new Identity(identity, labels, ""),
                new Endpoint.Labels(List.of(), new Endpoint.Realized(List.of()), labels),
                new Endpoint.Networking(List.of(new Endpoint.Address(ipv4)), null, 0, null, null),
                new Endpoint.Policy(new Endpoint.PolicyRealized("none")), "ready"));
    }

    @Test
    void endpointList() throws IOException {
        List<Endpoint> eps = List.of(
                ep(1541, 1, List.of("reserved:host", "k8s:node.kubernetes.io/exclude-from-external-load-balancers",
                        "k8s:node-role.kubernetes.io/control-plane"), null),
                ep(905, 4, List.of("reserved:health"), "172.16.0.236"),
                ep(416, 39126, NETPOD, "172.16.0.230"));
        assertEquals(golden("endpoint-list"), EndpointListView.text(eps, false));
    }

    @Test
    void endpointListWithoutHeadersAndWithoutEndpoints() {
        assertEquals("", EndpointListView.text(List.of(), true));
        assertEquals(2, EndpointListView.text(List.of(), false).split("\n").length);
    }

    static LxcMap.Info netpod() {
        return LxcMap.Info.endpoint(10, 416, "92:ef:86:7b:d1:d4", "5e:b5:9a:19:fb:b3", 39126);
    }

    static LxcMap.Info health() {
        return LxcMap.Info.endpoint(8, 905, "22:1f:bd:b2:24:65", "be:40:78:dd:72:24", 4);
    }

    @Test
    void bpfEndpointList() throws Exception {
        // the rows go through the codecs: encode as the daemon writes them, decode as the command reads them
        List<Object> rows = new ArrayList<>();
        Object[][] data = {{"192.168.10.10", LxcMap.Info.host()}, {"172.16.0.12", LxcMap.Info.host()},
            {"172.16.0.230", netpod()}, {"172.16.0.236", health()}};
        Class<?> rowType = Class.forName("dev.cil.cli.command.bpf.PinnedMaps$Row");
        var ctor = rowType.getDeclaredConstructor(String.class, List.class);
        ctor.setAccessible(true);
        for (Object[] d : data) {
            String key = LxcMap.Key.decode(LxcMap.Key.of(ip((String) d[0])).encode()).toString();
            String value = LxcMap.Info.decode(((LxcMap.Info) d[1]).encode()).toString();
            rows.add(ctor.newInstance(key, List.of(value)));
        }
        Method table = Class.forName("dev.cil.cli.command.bpf.PinnedMaps").getDeclaredMethod("table", String.class, String.class, List.class);
        table.setAccessible(true);
        assertEquals(golden("bpf-endpoint-list"), table.invoke(null, "IP ADDRESS", "LOCAL ENDPOINT INFO", rows));
    }

    @Test
    void mapGetLxc() throws IOException {
        BpfMapModel m = new BpfMapModel(List.of(
                new BpfMapModel.Entry("sync", LxcMap.Key.of(ip("172.16.0.236")).toString(), "", health().toString()),
                new BpfMapModel.Entry("sync", LxcMap.Key.of(ip("172.16.0.230")).toString(), null, netpod().toString())), "/p");
        assertEquals(golden("map-get-lxc"), MapGetView.text(m));
    }

    @Test
    void mapGetIpcache() throws IOException {
        IpcacheMap.Value remote = new IpcacheMap.Value(39166, ip("192.168.10.101"), 0, 0);
        BpfMapModel m = new BpfMapModel(List.of(
                new BpfMapModel.Entry("sync", IpcacheMap.Key.of(ip("172.16.1.210"), 32).toString(), "",
                        IpcacheMap.Value.decode(remote.encode()).toString()),
                new BpfMapModel.Entry("sync", IpcacheMap.Key.of(ip("0.0.0.0"), 0).toString(), "",
                        IpcacheMap.Value.local(2).toString())), "/p");
        assertEquals(golden("map-get-ipcache"), MapGetView.text(m));
    }

    @Test
    void mapGetEmptyAndDisabledCache() {
        assertEquals("Cache is empty\n\n", MapGetView.text(new BpfMapModel(List.of(), "/p")));
        assertEquals("Cache is disabled\n\n", MapGetView.text(new BpfMapModel(null, "/p")));
    }

    @Test
    void ipList() throws IOException {
        List<IpListEntry> entries = List.of(
                new IpListEntry("0.0.0.0/0", null, 2, null),
                new IpListEntry("172.16.0.12/32", null, 1, null),
                new IpListEntry("172.16.0.230/32", null, 39126, new IpListEntry.Metadata("netpod", "default", "custom-resource")),
                new IpListEntry("172.16.0.236/32", null, 4, null));
        Map<Long, List<String>> labels = Map.of(2L, List.of("reserved:world"), 1L, List.of("reserved:kube-apiserver", "reserved:host"),
                39126L, List.of("k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default", "k8s:app=netpod"),
                4L, List.of("reserved:health"));
        assertEquals(golden("ip-list"), IpListView.text(entries, labels, false, false));
    }

    @Test
    void identityList() throws IOException {
        List<Identity> ids = List.of(
                new Identity(25054, List.of("k8s:io.kubernetes.pod.namespace=default", "k8s:app=webpod"), ""),
                new Identity(1, List.of("reserved:host", "reserved:kube-apiserver"), ""),
                new Identity(2, List.of("reserved:world"), ""));
        assertEquals(golden("identity-list"), IdentityView.text(ids));
    }

    @Test
    void bpfMetricsList() throws IOException {
        List<BpfMetricsListCommand.Row> rows = List.of(
                new BpfMetricsListCommand.Row("Success", "EGRESS", 530, 51200, 1545, "bpf_lxc.c", 2),
                new BpfMetricsListCommand.Row("Policy denied", "INGRESS", 12, 888, 2143, "bpf_lxc.c", 1),
                new BpfMetricsListCommand.Row("Interface", "INGRESS", 1204, 98765, 1138, "bpf_host.c", 1));
        assertEquals(golden("bpf-metrics-list"), BpfMetricsListCommand.text(rows));
    }

    @Test
    void metricsRowsSortAsStrings() {
        String t = BpfMetricsListCommand.text(List.of(
                new BpfMetricsListCommand.Row("Success", "EGRESS", 9, 1, 1, "bpf_lxc.c", 2),
                new BpfMetricsListCommand.Row("Success", "EGRESS", 10, 1, 1, "bpf_lxc.c", 2)));
        String[] lines = t.split("\n");
        assertEquals("10", lines[1].split("\\s+")[2]);   // "10" < "9" as strings, as cilium-dbg sorts
        assertEquals("9", lines[2].split("\\s+")[2]);
    }
}
