package dev.cil.cli.command.status;

import dev.cil.api.StatusResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cilium-dbg status's layout rules (formats.md §7) on a status with the seed's addresses. */
class StatusViewTest {
    static StatusResponse status(String ciliumState, List<StatusResponse.Controller> controllers) {
        Map<String, String> alloc = new LinkedHashMap<>();
        alloc.put("172.16.2.73", "health");
        alloc.put("172.16.2.180", "default/webpod2 [restored]");
        alloc.put("172.16.2.116", "router");
        StatusResponse.State disabled = new StatusResponse.State(null, "Disabled");
        // 11 of 4095 flows kept, 66 seen in 60 s
        StatusResponse.Hubble hubble = new StatusResponse.Hubble(null, new StatusResponse.Observer(11, 4095, 66, 60_000_000_000L), "Ok");
        return new StatusResponse("tcx", new StatusResponse.Enabled(false), null, new StatusResponse.State("cil 1.0 (node k8s-w2)",
                ciliumState), new StatusResponse.ClockSource("ktime"), controllers, "veth", new StatusResponse.Mode("Disabled"),
                new StatusResponse.Mode("Disabled"), hubble, new StatusResponse.IdentityRange(65535, 256),
                new StatusResponse.Ipam(alloc, List.of("172.16.2.0/24"), "IPv4: 3/254 allocated from 172.16.2.0/24, "),
                new StatusResponse.Enabled(false), new StatusResponse.Enabled(false), disabled, disabled,
                new StatusResponse.Enabled(false), null, new StatusResponse.Routing("Native", "BPF", ""));
    }

    static StatusResponse.Controller ctrl(String name, long fails, String err) {
        return new StatusResponse.Controller(name, new StatusResponse.ControllerRuns(fails, fails, err,
                fails > 0 ? "2026-01-01T00:00:00Z" : null, "2026-01-01T00:00:00Z", 3));
    }

    @Test
    void verboseLayout() {
        Instant now = Instant.parse("2026-01-01T00:03:20Z");
        String t = StatusView.text(status("Ok", List.of(ctrl("b-sync", 0, null), ctrl("a-sync", 2, "boom"))),
                new StatusView.Details(true, false, false, true), now);
        assertEquals(String.join("\n",
                "KVStore:         Disabled   ",
                "Kubernetes:      Disabled   ",
                "Host firewall:   Disabled",
                "Cilium:          Ok   cil 1.0 (node k8s-w2)",
                "NodeMonitor:     Disabled",
                "IPAM:            IPv4: 3/254 allocated from 172.16.2.0/24, ",
                "Allocated addresses:",
                "  172.16.2.116 (router)",
                "  172.16.2.180 (default/webpod2 [restored])",
                "  172.16.2.73 (health)",
                "IPv4 BIG TCP:           Disabled",
                "IPv6 BIG TCP:           Disabled",
                "BandwidthManager:       Disabled",
                "Routing:                Network: Native   Host: BPF",
                "Attach Mode:            TCX",
                "Device Mode:            veth",
                "Masquerading:           Disabled",
                "Clock Source for BPF:   ktime",
                "Controller Status:      1/2 healthy",
                "  Name     Last success   Last error   Count   Message",
                "  a-sync   3m20s ago      3m20s ago    2       boom   ",
                "Proxy Status:            No managed proxy redirect",
                "Global Identity Range:   min 256, max 65535",
                "Hubble:                  Ok         Current/Max Flows: 11/4095 (0.27%), Flows/s: 1.10",   // the column block runs on into Encryption's
                "Encryption:              Disabled   ",
                ""), t);
    }

    @Test
    void briefAndHealth() {
        assertEquals("OK", StatusView.brief(status("Ok", List.of())));
        assertEquals("error in cilium: cil 1.0 (node k8s-w2)", StatusView.brief(status("Warning", List.of())));
        assertTrue(StatusView.healthy(status("Ok", List.of())));
    }

    @Test
    void goDurations() {
        assertEquals("0s", StatusView.goDuration(0));
        assertEquals("54s", StatusView.goDuration(54));
        assertEquals("3m20s", StatusView.goDuration(200));
        assertEquals("1h0m5s", StatusView.goDuration(3605));
        assertEquals("never", StatusView.since(null, Instant.now()));
    }
}
