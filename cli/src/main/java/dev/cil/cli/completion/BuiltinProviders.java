package dev.cil.cli.completion;

import dev.cil.bpf.BpfLink;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.Btf;
import dev.cil.bpf.BtfId;
import dev.cil.bpf.BtfInfo;
import dev.cil.bpf.LinkId;
import dev.cil.bpf.LinkInfo;
import dev.cil.bpf.MapId;
import dev.cil.bpf.MapInfo;
import dev.cil.bpf.MapType;
import dev.cil.bpf.ProgramId;
import dev.cil.bpf.ProgramInfo;
import dev.cil.bpf.ProgramType;
import dev.cil.cli.command.Selectors;
import dev.cil.error.KernelException;
import dev.cil.netlink.Link;
import dev.cil.netlink.Rtnl;
import dev.cil.netns.NetNs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live values cil completes by itself: BPF objects from the kernel's id walk (map, program, link
 * and BTF ids; map and program names; program tags), network devices (of the {@code --netns} on the
 * line, through rtnetlink), named network namespaces, map and program types, and file names.
 */
public final class BuiltinProviders implements CandidateProvider {
    /** Where pinned objects live: offered when a path is asked for and nothing is typed yet. */
    static final String BPFFS = "/sys/fs/bpf/";
    static final int MAX_FILES = 1000;

    @Override
    public Set<String> kinds() {
        return Set.of("MAP_ID", "MAP_NAME", "PROG_ID", "PROG_NAME", "PROG_TAG", "LINK_ID", "BTF_ID", "BTF_SRC_ID",
                "DEV", "DEVICE", "IFNAME", "NETNS", "MAP_TYPE", "PROG_TYPE", "PATH", "FILE");
    }

    @Override
    public Map<String, String> nonterminals() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PROG", Selectors.PROG_SPEC);
        m.put("MAP", Selectors.MAP_SPEC);
        m.put("LINK", Selectors.LINK_SPEC);
        m.put("BTF", "id ID");
        m.put("BTF_SRC", "id ID | prog PROG | map MAP | file FILE");   // bpftool btf dump's source
        return m;
    }

    @Override
    public boolean cacheable(String kind) { return !kind.equals("PATH") && !kind.equals("FILE"); }

    @Override
    public List<Candidate> candidates(CompletionRequest r) throws Exception {
        switch (r.kind()) {
            case "MAP_ID": return maps(true);
            case "MAP_NAME": return maps(false);
            case "PROG_ID": return progs(0);
            case "PROG_NAME": return progs(1);
            case "PROG_TAG": return progs(2);
            case "LINK_ID": return links();
            case "BTF_ID": case "BTF_SRC_ID": return btfs();
            case "DEV": case "DEVICE": case "IFNAME": return devices(r.netns());
            case "NETNS": return namespaces();
            case "MAP_TYPE": return mapTypes();
            case "PROG_TYPE": return progTypes();
            case "PATH": case "FILE": return files(r.prefix(), r.kind().equals("PATH"));
            default: return List.of();
        }
    }

    private static List<Candidate> maps(boolean byId) {
        Map<String, List<String>> names = new TreeMap<>();
        List<Candidate> out = new ArrayList<>();
        for (int id : BpfObjects.ids(BpfObjects.Kind.MAP)) {
            MapInfo info;
            try (BpfMap m = BpfMap.openById(new MapId(id))) {
                info = m.info();
            } catch (KernelException e) {
                continue;   // gone since the walk
            }
            String sid = Integer.toUnsignedString(id);
            if (byId) out.add(Candidate.of(sid, (info.typeName() + " " + info.name()).trim()));
            else if (!info.name().isEmpty()) names.computeIfAbsent(info.name(), k -> new ArrayList<>()).add(sid);
        }
        if (!byId) names.forEach((n, ids) -> out.add(Candidate.of(n, idsText(ids))));
        return out;
    }

    /** what: 0 ids, 1 names, 2 tags. */
    private static List<Candidate> progs(int what) {
        Map<String, List<String>> keyed = new TreeMap<>();
        Map<String, String> type = new LinkedHashMap<>();
        List<Candidate> out = new ArrayList<>();
        for (int id : BpfObjects.ids(BpfObjects.Kind.PROG)) {
            ProgramInfo info;
            try (BpfProgram p = BpfProgram.openById(new ProgramId(id))) {
                info = p.info();
            } catch (KernelException e) {
                continue;
            }
            String sid = Integer.toUnsignedString(id);
            if (what == 0) {
                out.add(Candidate.of(sid, (info.typeName() + " " + info.fullName()).trim()));
            } else {
                String key = what == 1 ? info.fullName() : info.tagHex();
                if (key.isEmpty()) continue;
                keyed.computeIfAbsent(key, k -> new ArrayList<>()).add(sid);
                type.putIfAbsent(key, what == 1 ? info.typeName() : info.fullName());
            }
        }
        if (what != 0) keyed.forEach((k, ids) -> out.add(Candidate.of(k, (type.get(k) + " " + idsText(ids)).trim())));
        return out;
    }

    private static String idsText(List<String> ids) { return (ids.size() == 1 ? "id " : "ids ") + String.join(",", ids); }

    private static List<Candidate> links() {
        List<Candidate> out = new ArrayList<>();
        for (int id : BpfObjects.ids(BpfObjects.Kind.LINK)) {
            try (BpfLink l = BpfLink.openById(new LinkId(id))) {
                LinkInfo info = l.info();
                out.add(Candidate.of(Integer.toUnsignedString(id),
                        info.typeName() + " prog " + Integer.toUnsignedString(info.progId().value())));
            } catch (KernelException e) {
                // detached since the walk
            }
        }
        return out;
    }

    private static List<Candidate> btfs() {
        List<Candidate> out = new ArrayList<>();
        for (int id : BpfObjects.ids(BpfObjects.Kind.BTF)) {
            try (Btf b = Btf.openById(new BtfId(id))) {
                BtfInfo info = b.info();
                out.add(Candidate.of(Integer.toUnsignedString(id), (info.name() + (info.kernel() ? " kernel" : "")).trim()));
            } catch (KernelException e) {
                // unloaded since the walk
            }
        }
        return out;
    }

    private static List<Candidate> devices(String netns) {
        List<Link> links;
        if (netns == null) {
            try (Rtnl rtnl = Rtnl.open()) {
                links = rtnl.links();
            }
        } else {
            try (NetNs ns = netns.contains("/") ? NetNs.openPath(netns) : NetNs.open(netns);
                 Rtnl rtnl = Rtnl.open(ns)) {
                links = rtnl.links();
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Link l : links) out.add(Candidate.of(l.name(), "ifindex " + l.ifindex() + l.kind().map(k -> " " + k).orElse("")));
        return out;
    }

    private static List<Candidate> namespaces() {
        List<Candidate> out = new ArrayList<>();
        for (String n : NetNs.list()) out.add(Candidate.of(n, "network namespace"));
        return out;
    }

    private static List<Candidate> mapTypes() {
        List<Candidate> out = new ArrayList<>();
        for (MapType t : MapType.values()) if (t != MapType.UNSPEC) out.add(Candidate.of(t.kernelName()));
        return out;
    }

    private static List<Candidate> progTypes() {
        List<Candidate> out = new ArrayList<>();
        for (ProgramType t : ProgramType.values()) if (t.number() != 0) out.add(Candidate.of(t.kernelName()));
        return out;
    }

    /**
     * File names for the typed prefix: directories end with '/' and stay open for more typing.
     * With nothing typed, a {@code PATH} (a pinned object) starts at {@code /sys/fs/bpf/}.
     */
    static List<Candidate> files(String prefix, boolean bpffsFirst) throws IOException {
        if (prefix.isEmpty() && bpffsFirst && Files.isDirectory(Path.of(BPFFS))) {
            return List.of(Candidate.partial(BPFFS, "bpf file system"));
        }
        int slash = prefix.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : prefix.substring(0, slash + 1);
        String namePart = prefix.substring(slash + 1);
        Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart);
        if (!Files.isDirectory(dir)) return List.of();
        List<Candidate> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path e : ds) {
                String n = e.getFileName().toString();
                if (!n.startsWith(namePart) || n.startsWith(".") && !namePart.startsWith(".")) continue;
                if (Files.isDirectory(e)) out.add(Candidate.partial(dirPart + n + "/", ""));
                else out.add(Candidate.of(dirPart + n, ""));
                if (out.size() >= MAX_FILES) break;
            }
        }
        return out;
    }
}
