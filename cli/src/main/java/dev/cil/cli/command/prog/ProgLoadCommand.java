package dev.cil.cli.command.prog;

import dev.cil.bpf.AttachType;
import dev.cil.bpf.BpfCollection;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.LoadOptions;
import dev.cil.bpf.ProgramType;
import dev.cil.btf.BtfException;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import dev.cil.elf.CollectionSpec;
import dev.cil.elf.ElfException;
import dev.cil.elf.MapSpec;
import dev.cil.elf.ProgramSections;
import dev.cil.elf.ProgramSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cil prog load OBJ PATH} (pins the first program at PATH) and {@code cil prog loadall OBJ DIR}
 * (pins every program under DIR), with bpftool's options: {@code type TYPE}, {@code map idx IDX|name NAME
 * MAP} to reuse maps, {@code pinmaps DIR}. Loaded by our own loader (dev.cil.bpf.BpfCollection).
 */
@Command(name = "load",
        description = "Load a BPF object with cil's own loader and pin its first program at PATH.",
        footer = {"%nOBJ is a clang-compiled BPF object (clang -O2 -g -target bpf). With 'pinmaps DIR' every map is pinned",
                "under DIR, including maps the object pins by name (bpftool pins those under /sys/fs/bpf and fails on a conflict).",
                "TYPE is a section-style program type (xdp, tc, classifier, kprobe, …). MAP := " + Selectors.MAP_SPEC + ".",
                "%nExamples:", "  cil prog load xdp_pass.o /sys/fs/bpf/xdp_pass",
                "  cil prog loadall bpf_lxc.o /sys/fs/bpf/lxc pinmaps /sys/fs/bpf/lxc/maps",
                "  cil prog load counter.o /sys/fs/bpf/c type xdp map name counts pinned /sys/fs/bpf/shared_counts"})
public class ProgLoadCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*",
            description = "OBJ PATH [type TYPE] [map {idx IDX | name NAME} MAP]… [pinmaps MAP_DIR]")
    List<String> words;

    @Override
    protected int execute() {
        boolean all = pinsAll();
        Args args = new Args(words);
        String obj = args.next("OBJ (the object file)");
        String path = args.next(all ? "DIR (where to pin the programs)" : "PATH (where to pin the program)");
        CollectionSpec spec = read(obj);
        LoadOptions opts = LoadOptions.defaults();
        List<BpfMap> given = new ArrayList<>();
        String pinMaps = null;
        try {
            while (args.hasNext()) {
                if (args.accept("type")) {
                    String t = args.valueOf("type");
                    ProgramSections.Match m = ProgramSections.match(t)
                            .orElseThrow(() -> CilException.usage("unknown program type '" + t + "' (xdp, tc, classifier, kprobe, …)"));
                    opts = opts.withProgramType(ProgramType.of(m.programType()),
                            m.hasExpectedAttachType() ? AttachType.of(m.expectedAttachType()) : null);
                } else if (args.accept("map")) {
                    String name;
                    if (args.accept("idx")) {
                        int idx = Args.parseId(args.valueOf("idx"));
                        List<MapSpec> ms = new ArrayList<>(spec.maps().values());
                        if (idx < 0 || idx >= ms.size()) throw CilException.usage("map idx " + idx + " out of range (the object has " + ms.size() + " maps)");
                        name = ms.get(idx).name();
                    } else if (args.accept("name")) {
                        name = args.valueOf("name");
                        if (spec.map(name).isEmpty()) throw CilException.usage("the object has no map named " + name + " (it has " + spec.maps().keySet() + ")");
                    } else {
                        throw CilException.usage("expected 'idx' or 'name' after 'map'");
                    }
                    BpfMap m = Selectors.map(args, 0);
                    given.add(m);
                    opts = opts.withMap(name, m);
                } else if (args.accept("pinmaps")) {
                    pinMaps = args.valueOf("pinmaps");
                    opts = opts.withPinDir(pinMaps);
                } else {
                    throw CilException.usage("expected 'type', 'map' or 'pinmaps', got: '" + args.peek() + "'");
                }
            }
            try (BpfCollection c = BpfCollection.load(spec, opts)) {
                for (String w : c.warnings()) err().println("cil: warning: " + w);
                if (c.programs().isEmpty()) throw CilException.failure(obj + " has no program to load");
                if (all) {
                    mkdirs(path);
                    for (var e : c.programs().entrySet()) e.getValue().pin(path + "/" + e.getKey());
                } else {
                    c.programs().values().iterator().next().pin(path);
                }
                if (pinMaps != null) {
                    mkdirs(pinMaps);
                    for (MapSpec m : spec.maps().values()) {
                        String p = pinMaps + "/" + BpfCollection.pinName(m);
                        if (m.pinning() == MapSpec.PIN_BY_NAME || Files.exists(Path.of(p))) continue; // pinned by the load (or already there)
                        c.map(m.name()).pin(p);
                    }
                }
                debug("loaded " + c.programs().keySet() + " and " + c.maps().keySet() + " from " + obj);
            }
        } finally {
            Selectors.closeAll(given);
        }
        output().nothing();
        return ExitCodes.OK;
    }

    /** {@code load} pins the first program at PATH; {@code loadall} every program under DIR. */
    boolean pinsAll() { return false; }

    static CollectionSpec read(String obj) {
        if (!Files.isRegularFile(Path.of(obj))) throw CilException.failure("no such object file: " + obj);
        try {
            return CollectionSpec.read(Path.of(obj));
        } catch (ElfException | BtfException e) {
            throw CilException.failure(obj + ": " + e.getMessage());
        }
    }

    private static void mkdirs(String dir) {
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw CilException.failure("cannot create " + dir + ": " + e.getMessage());
        }
    }

    /** The programs of a spec, for messages. */
    static List<String> names(CollectionSpec spec) {
        List<String> out = new ArrayList<>();
        for (ProgramSpec p : spec.programs().values()) out.add(p.name());
        return out;
    }
}
