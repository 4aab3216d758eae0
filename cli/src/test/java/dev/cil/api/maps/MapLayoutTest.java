package dev.cil.api.maps;

import dev.cil.cli.support.Peers;
import dev.cil.testing.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Java codecs' sizes and offsets against the BTF of the datapath object the daemon ships
 * (bpf/bpf_lxc.o from the bpf-programs jar), read with bpftool's raw BTF dump (no root needed).
 * TODO(btf): read it with dev.cil.btf.BtfSpec once that library is merged.
 */
class MapLayoutTest {
    record Struct(int size, Map<String, Integer> bitOffsets) {
        int offset(String field) {
            Integer b = bitOffsets.get(field);
            assertNotNull(b, "no field " + field + " in " + bitOffsets.keySet());
            return b / 8;
        }
    }

    static final Map<String, Struct> BTF = new HashMap<>();

    @BeforeAll
    static void readBtf() throws IOException {
        Path obj = Files.createTempFile("cil-bpf_lxc", ".o");
        try (InputStream in = MapLayoutTest.class.getClassLoader().getResourceAsStream("bpf/bpf_lxc.o")) {
            assertNotNull(in, "bpf/bpf_lxc.o is not on the test classpath (bpf-programs jar)");
            Files.write(obj, in.readAllBytes());
            String dump = Proc.run(Peers.BPFTOOL, "btf", "dump", "file", obj.toString(), "format", "raw").ok().out();
            Pattern head = Pattern.compile("^\\[\\d+\\] STRUCT '([^']+)' size=(\\d+) vlen=\\d+$");
            Pattern member = Pattern.compile("^\\s+'([^']+)' type_id=\\d+ bits_offset=(\\d+).*$");
            String cur = null;
            Map<String, Integer> fields = null;
            int size = 0;
            for (String line : dump.split("\n")) {
                Matcher h = head.matcher(line), m = member.matcher(line);
                if (h.matches()) {
                    if (cur != null) BTF.put(cur, new Struct(size, fields));
                    cur = h.group(1);
                    size = Integer.parseInt(h.group(2));
                    fields = new LinkedHashMap<>();
                } else if (cur != null && m.matches()) {
                    fields.put(m.group(1), Integer.parseInt(m.group(2)));
                } else if (cur != null && !line.startsWith("\t")) {
                    BTF.put(cur, new Struct(size, fields));
                    cur = null;
                }
            }
            if (cur != null) BTF.put(cur, new Struct(size, fields));
        } finally {
            Files.deleteIfExists(obj);
        }
    }

    static Struct struct(String name) {
        Struct s = BTF.get(name);
        assertNotNull(s, "struct " + name + " not in the BTF of bpf_lxc.o");
        return s;
    }

    @Test
    void endpointKeyAndInfo() {
        Struct k = struct("endpoint_key");
        assertEquals(LxcMap.KEY_SIZE, k.size());
        assertEquals(LxcMap.KEY_IP4, k.offset("(anon)"));
        assertEquals(LxcMap.KEY_FAMILY, k.offset("family"));
        assertEquals(LxcMap.KEY_KEY, k.offset("key"));
        assertEquals(LxcMap.KEY_CLUSTER_ID, k.offset("cluster_id"));
        Struct v = struct("endpoint_info");
        assertEquals(LxcMap.VALUE_SIZE, v.size());
        assertEquals(LxcMap.IFINDEX, v.offset("ifindex"));
        assertEquals(LxcMap.UNUSED, v.offset("unused"));
        assertEquals(LxcMap.LXC_ID, v.offset("lxc_id"));
        assertEquals(LxcMap.FLAGS, v.offset("flags"));
        assertEquals(LxcMap.PAD0, v.offset("pad0"));
        assertEquals(LxcMap.MAC, v.offset("mac"));
        assertEquals(LxcMap.NODE_MAC, v.offset("node_mac"));
        assertEquals(LxcMap.SEC_ID, v.offset("sec_id"));
        assertEquals(LxcMap.PAD, v.offset("pad"));
    }

    @Test
    void ipcacheKeyAndValue() {
        Struct k = struct("ipcache_key");
        assertEquals(IpcacheMap.KEY_SIZE, k.size());
        assertEquals(IpcacheMap.KEY_PREFIXLEN, k.offset("prefixlen"));
        assertEquals(IpcacheMap.KEY_CLUSTER_ID, k.offset("cluster_id"));
        assertEquals(IpcacheMap.KEY_PAD1, k.offset("pad1"));
        assertEquals(IpcacheMap.KEY_FAMILY, k.offset("family"));
        assertEquals(IpcacheMap.KEY_IP4, k.offset("(anon)"));
        Struct v = struct("remote_endpoint_info");
        assertEquals(IpcacheMap.VALUE_SIZE, v.size());
        assertEquals(IpcacheMap.SEC_IDENTITY, v.offset("sec_identity"));
        assertEquals(IpcacheMap.TUNNEL_ENDPOINT, v.offset("tunnel_endpoint"));
        assertEquals(IpcacheMap.PAD, v.offset("pad"));
        assertEquals(IpcacheMap.ENCRYPT_KEY, v.offset("key"));
        // the flag bits of byte 11, in Cilium's order
        assertEquals(IpcacheMap.FLAGS * 8, v.bitOffsets().get("flag_skip_tunnel"));
        assertEquals(IpcacheMap.FLAGS * 8 + Integer.numberOfTrailingZeros(IpcacheMap.F_HAS_TUNNEL), v.bitOffsets().get("flag_has_tunnel_ep"));
        assertEquals(IpcacheMap.FLAGS * 8 + Integer.numberOfTrailingZeros(IpcacheMap.F_IPV6_TUNNEL), v.bitOffsets().get("flag_ipv6_tunnel_ep"));
        assertEquals(IpcacheMap.FLAGS * 8 + Integer.numberOfTrailingZeros(IpcacheMap.F_REMOTE_CLUSTER), v.bitOffsets().get("flag_remote_cluster"));
    }

    @Test
    void nodeConfig() {
        Struct s = struct("node_config");
        assertEquals(NodeConfigMap.VALUE_SIZE, s.size());
        assertEquals(NodeConfigMap.ROUTER_IP, s.offset("router_ip"));
        assertEquals(NodeConfigMap.POD_CIDR, s.offset("pod_cidr"));
        assertEquals(NodeConfigMap.POD_CIDR_MASK, s.offset("pod_cidr_mask"));
        assertEquals(NodeConfigMap.HOST_IFINDEX, s.offset("host_ifindex"));
        assertEquals(NodeConfigMap.HOST_EP_ID, s.offset("host_ep_id"));
        assertEquals(NodeConfigMap.MONITOR_AGGREGATION, s.offset("monitor_aggregation"));
        assertEquals(NodeConfigMap.FLAGS, s.offset("flags"));
        assertEquals(NodeConfigMap.RESERVED, s.offset("reserved"));
    }

    @Test
    void metrics() {
        Struct k = struct("metrics_key");
        assertEquals(MetricsMap.KEY_SIZE, k.size());
        assertEquals(MetricsMap.REASON, k.offset("reason"));
        assertEquals(MetricsMap.DIR, k.offset("dir"));
        assertEquals(MetricsMap.LINE, k.offset("line"));
        assertEquals(MetricsMap.FILE, k.offset("file"));
        assertEquals(MetricsMap.RESERVED, k.offset("reserved"));
        Struct v = struct("metrics_value");
        assertEquals(MetricsMap.VALUE_SIZE, v.size());
        assertEquals(MetricsMap.COUNT, v.offset("count"));
        assertEquals(MetricsMap.BYTES, v.offset("bytes"));
    }

    @Test
    void conntrack() {
        Struct k = struct("ipv4_ct_tuple");
        assertEquals(CtMap.KEY_SIZE, k.size());
        assertEquals(CtMap.DADDR, k.offset("daddr"));
        assertEquals(CtMap.SADDR, k.offset("saddr"));
        assertEquals(CtMap.DPORT, k.offset("dport"));
        assertEquals(CtMap.SPORT, k.offset("sport"));
        assertEquals(CtMap.NEXTHDR, k.offset("nexthdr"));
        assertEquals(CtMap.TUPLE_FLAGS, k.offset("flags"));
        Struct v = struct("ct_entry");
        assertEquals(CtMap.VALUE_SIZE, v.size());
        assertEquals(CtMap.PACKETS_TX, v.offset("packets_tx"));
        assertEquals(CtMap.BYTES_TX, v.offset("bytes_tx"));
        assertEquals(CtMap.PACKETS_RX, v.offset("packets_rx"));
        assertEquals(CtMap.BYTES_RX, v.offset("bytes_rx"));
        assertEquals(CtMap.LIFETIME, v.offset("lifetime"));
        assertEquals(CtMap.FLAGS, v.offset("flags"));
        assertEquals(CtMap.TX_FLAGS_SEEN, v.offset("tx_flags_seen"));
        assertEquals(CtMap.RX_FLAGS_SEEN, v.offset("rx_flags_seen"));
        assertEquals(CtMap.LAST_TX_REPORT, v.offset("last_tx_report"));
        assertEquals(CtMap.LAST_RX_REPORT, v.offset("last_rx_report"));
        assertEquals(CtMap.SRC_SEC_ID, v.offset("src_sec_id"));
        assertEquals(CtMap.CREATED, v.offset("created"));
    }
}
