package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.InNamespace;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.testing.KernelTest;
import dev.cil.cli.support.Peers;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.Sys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil link show} on tcx, xdp and netns links made in a test namespace by our own bpf(2) layer,
 * against bpftool 7.5 (which shows tcx) and 7.1 (which does not know tcx: compared on what it prints).
 */
@KernelTest
class LinkShowKernelIT {
    static String ns;
    static final Map<String, String> links = new LinkedHashMap<>(); // pin -> kind

    @BeforeAll
    static void attach(Scratch s) throws Exception {
        ns = s.netns("ln");
        String a = s.name("a"), b = s.name("b");
        Proc.run("ip", "-n", ns, "link", "add", a, "type", "veth", "peer", "name", b).ok();
        Proc.run("ip", "-n", ns, "link", "set", a, "up").ok();
        int ifindex = Integer.parseInt(Proc.run("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + a + "/ifindex").ok().out().trim());
        InNamespace.call(ns, () -> {
            try (Fd tc = new Fd(BpfCalls.progLoad(BpfCalls.ProgLoad.of(3, Fixtures.returnZero(), "GPL", "lt_tc"), "lt_tc"), "tc");
                 Fd xdp = new Fd(BpfCalls.progLoad(new BpfCalls.ProgLoad(6, Fixtures.returnZero(), 2, "GPL", "lt_xdp", 37, 0, 0,
                         null, 0, 0, null, 0, 0, 0, 0, null, 0), "lt_xdp"), "xdp");
                 Fd fd = new Fd(BpfCalls.progLoad(BpfCalls.ProgLoad.of(22, Fixtures.returnZero(), "GPL", "lt_flow"), "lt_flow"), "flow");
                 Fd self = new Fd(Sys.get().open("/proc/thread-self/ns/net", Sys.O_RDONLY, 0), "netns")) {
                pinLink(s, "tcx_in", BpfCalls.linkCreate(tc.raw(), ifindex, 46, 0, 0, 0, "tcx"), "tcx");
                pinLink(s, "tcx_eg", BpfCalls.linkCreate(tc.raw(), ifindex, 47, 0, 0, 0, "tcx"), "tcx");
                pinLink(s, "xdp", BpfCalls.linkCreate(xdp.raw(), ifindex, 37, 0, 0, 0, "xdp"), "xdp");
                pinLink(s, "flow", BpfCalls.linkCreate(fd.raw(), self.raw(), 17, 0, 0, 0, "netns"), "netns");
            }
            return null;
        });
    }

    static void pinLink(Scratch s, String name, int fd, String kind) {
        try (Fd f = new Fd(fd, "link " + name)) {
            BpfCalls.objPin(f.raw(), s.pin(name), name);
        }
        links.put(s.pin(name), kind);
    }

    static String id(String pin) {
        // bpftool 7.5 prints a single link but exits 255 ('link show id|pinned'); its listing exits 0
        return Json.parse(Peers.bpftoolNew("-j", "link", "show", "pinned", pin).printed().out()).get("id").asText();
    }

    @Test
    void matchesBpftool75InTheNamespace() {
        for (String pin : links.keySet()) {
            String id = id(pin);
            String peer = Proc.run("ip", "netns", "exec", ns, Peers.BPFTOOL_NEW, "link", "show", "id", id).printed().out();
            assertEquals(peer, Cil.run("--netns", ns, "link", "show", "id", id).ok().out(), links.get(pin));
            JsonNode peerJ = Json.parse(Proc.run("ip", "netns", "exec", ns, Peers.BPFTOOL_NEW, "-j", "link", "show", "id", id).printed().out());
            JsonNode ours = Json.parse(Cil.run("--netns", ns, "-j", "link", "show", "id", id).ok().out());
            assertEquals(peerJ, ours, links.get(pin));
            assertEquals(Json.keys(peerJ), Json.keys(ours));
        }
        String tcx = Cil.run("--netns", ns, "link", "show", "pinned", links.keySet().iterator().next()).ok().out();
        assertTrue(tcx.matches("\\d+: tcx  prog \\d+  \n\tifindex \\S+\\(\\d+\\)  attach_type tcx_ingress  \n"), tcx);
    }

    @Test
    void coversWhatBpftool71Prints() {
        for (String pin : links.keySet()) {
            String id = id(pin);
            JsonNode old = Json.parse(Peers.bpftool("-j", "link", "show", "id", id).ok().out());
            JsonNode ours = Json.parse(Cil.run("-j", "link", "show", "id", id).ok().out());
            // 7.1 prints tcx (type 11) as a number and has no devname/ifindex/attach_type for tcx and xdp
            if (old.get("type").isNumber()) assertEquals(old.get("type").asInt(), 11);
            else assertEquals(old.get("type"), ours.get("type"));
            Json.assertCovers(withoutType(old), withoutType(ours), Set.of("devname", "ifindex", "attach_type"), pin);
        }
    }

    static JsonNode withoutType(JsonNode n) {
        com.fasterxml.jackson.databind.node.ObjectNode c = ((com.fasterxml.jackson.databind.node.ObjectNode) n).deepCopy();
        c.remove("type");
        return c;
    }

    @Test
    void pinnedAndListed() throws Exception {
        String pin = links.keySet().iterator().next();
        String ours = Cil.run("-f", "--netns", ns, "link", "show", "pinned", pin).ok().out();
        assertTrue(ours.contains("\n\tpinned " + pin + "\n"), ours);
        JsonNode all = Json.parse(Cil.run("-j", "link", "list").ok().out());
        assertTrue(all.isArray() && all.size() >= links.size());
        assertTrue(Files.exists(Path.of(pin)));
    }

    @Test
    void deviceNamesResolveInTheCallersNamespace() {
        String pin = links.keySet().iterator().next();
        String id = id(pin);
        // from the root namespace the veth's ifindex names another device, or none: both tools resolve it alike
        assertEquals(Peers.bpftoolNew("link", "show", "id", id).printed().out(), Cil.run("link", "show", "id", id).ok().out());
    }
}
