package dev.cil.cli.command.btf;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.Btf;
import dev.cil.bpf.BtfId;
import dev.cil.bpf.MapId;
import dev.cil.bpf.ProgramId;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.error.KernelException;
import dev.cil.error.NoSuchObjectException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code cil btf show|list [id ID]}: BTF objects and the programs and maps that use them. */
@Command(name = "show", aliases = "list", description = "Show all BTF objects, or the one with id ID.",
        footer = {"%nExamples:", "  cil btf list", "  cil -j btf show id 1"})
public final class BtfShowCommand extends LeafCommand {
    @Parameters(paramLabel = "id ID", arity = "0..2", description = "Only this BTF object.")
    List<String> words;

    @Override
    protected int execute() {
        Args args = new Args(words);
        Integer only = null;
        if (args.hasNext()) {
            if (!args.accept("id")) throw CilException.usage("expected 'id', got: '" + args.peek() + "'");
            only = Args.parseId(args.valueOf("id"));
            args.end();
        }
        Map<Integer, List<Integer>> progs = users(BpfObjects.Kind.PROG), maps = users(BpfObjects.Kind.MAP);
        if (only != null) {
            try (Btf btf = Btf.openById(new BtfId(only))) {
                output().one(view(btf, progs, maps));
            } catch (NoSuchObjectException e) {
                throw CilException.failure("no BTF object with id " + Integer.toUnsignedString(only));
            }
            return ExitCodes.OK;
        }
        List<BtfView> views = new ArrayList<>();
        BpfObjects.forEach(BpfObjects.Kind.BTF, id -> Btf.openById(new BtfId(id)), btf -> views.add(view(btf, progs, maps)));
        output().list(views);
        return ExitCodes.OK;
    }

    private static BtfView view(Btf btf, Map<Integer, List<Integer>> progs, Map<Integer, List<Integer>> maps) {
        var info = btf.info();
        return new BtfView(info, progs.getOrDefault(info.id().value(), List.of()), maps.getOrDefault(info.id().value(), List.of()));
    }

    /**
     * BTF id → ids of the programs (or maps) that use it, in the order bpftool prints them. bpftool
     * keeps them in a libbpf hashmap keyed by BTF id: an append prepends to the key's bucket, and each
     * time the table grows (when empty, or when (size + 1) * 4 / 3 exceeds the capacity, which starts at
     * 4 and doubles) every bucket is rebuilt in reverse. We replay that, so the lists match bpftool's.
     */
    static Map<Integer, List<Integer>> users(BpfObjects.Kind kind) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        int size = 0, cap = 0;
        for (int id : BpfObjects.ids(kind)) {
            int btfId;
            try {
                if (kind == BpfObjects.Kind.PROG) {
                    try (BpfProgram p = BpfProgram.openById(new ProgramId(id))) {
                        btfId = p.btfId();
                    }
                } else {
                    try (BpfMap m = BpfMap.openById(new MapId(id), BpfMap.F_RDONLY)) {
                        btfId = m.btfId();
                    }
                }
            } catch (KernelException e) {
                continue;
            }
            if (btfId == 0) continue;
            if (cap == 0 || (size + 1) * 4 / 3 > cap) {
                cap = cap == 0 ? 4 : cap * 2;
                for (List<Integer> l : out.values()) java.util.Collections.reverse(l);
            }
            out.computeIfAbsent(btfId, x -> new ArrayList<>()).add(0, id);
            size++;
        }
        return out;
    }
}
