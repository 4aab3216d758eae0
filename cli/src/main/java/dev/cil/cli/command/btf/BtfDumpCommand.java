package dev.cil.cli.command.btf;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfProgram;
import dev.cil.btf.BpftoolJsonWriter;
import dev.cil.btf.BtfCDump;
import dev.cil.btf.BtfRawDump;
import dev.cil.btf.BtfSpec;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cil btf dump BTF_SRC [format raw|c] [root_id ID]…} with {@code BTF_SRC := id ID | prog PROG |
 * map MAP [key|value|kv|all] | file FILE}, as bpftool. Raw text and JSON are bpftool's byte for byte;
 * C follows libbpf's btf_dump (current libbpf; {@code --bpftool-7.1} for Debian 12's exact output).
 */
@Command(name = "dump",
        description = "Dump BTF types: BTF_SRC := id ID | prog PROG | map MAP [key|value|kv|all] | file FILE.",
        footer = {"%nformat c prints a compilable header (as 'bpftool btf dump … format c'); JSON only for raw.",
                "%nExamples:", "  cil btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h",
                "  cil btf dump map name cilium_lxc", "  cil -j btf dump id 42"})
public final class BtfDumpCommand extends LeafCommand {
    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "BTF_SRC [format raw|c] [root_id ID]… [unsorted]")
    List<String> words;

    @picocli.CommandLine.Option(names = "--bpftool-7.1", description = "C format exactly as Debian 12's bpftool 7.1 (no enum size attributes).")
    boolean bpftool71;

    @Override
    protected int execute() throws java.io.IOException {
        Args args = new Args(words);
        BtfSpec btf;
        List<Integer> roots = new ArrayList<>();
        boolean filtered = false;
        if (args.accept("id")) {
            btf = BtfSources.byId(Args.parseId(args.valueOf("id")));
        } else if (args.accept("file")) {
            btf = BtfSources.file(args.valueOf("file"));
        } else if (args.accept("prog")) {
            List<BpfProgram> progs = Selectors.programs(args);
            try {
                if (progs.size() != 1) throw CilException.failure("several programs match this handle: use 'id ID'");
                int id = progs.get(0).btfId();
                if (id == 0) throw CilException.failure("program has no BTF");
                btf = BtfSources.byId(id);
            } finally {
                Selectors.closeAll(progs);
            }
        } else if (args.accept("map")) {
            try (BpfMap m = Selectors.map(args, BpfMap.F_RDONLY)) {
                if (m.btfId() == 0) throw CilException.failure(m.describe() + " has no BTF");
                btf = BtfSources.byId(m.btfId());
                filtered = true;
                if (args.accept("key")) {
                    roots.add(m.btfKeyTypeId());
                } else if (args.accept("value")) {
                    roots.add(m.btfValueTypeId());
                } else if (args.accept("all")) {
                    filtered = false;
                } else {
                    args.accept("kv");
                    roots.add(m.btfKeyTypeId());
                    roots.add(m.btfValueTypeId());
                }
            }
        } else {
            throw CilException.usage(args.hasNext() ? "unrecognized BTF source specifier: '" + args.peek() + "'"
                    : "expected BTF_SRC (id ID | prog PROG | map MAP | file FILE)");
        }
        boolean c = false, sorted = true;
        while (args.hasNext()) {
            if (args.accept("format")) {
                String f = args.valueOf("format");
                if (f.equals("c")) c = true;
                else if (f.equals("raw")) c = false;
                else throw CilException.usage("unrecognized format specifier: '" + f + "', possible values: raw, c");
            } else if (args.accept("root_id")) {
                if (filtered) throw CilException.usage("cannot use root_id with other type filtering");
                int id = Args.parseId(args.valueOf("root_id"));
                if (roots.contains(id)) throw CilException.usage("duplicate root_id " + id + " supplied");
                roots.add(id);
            } else if (args.accept("unsorted")) {
                sorted = false;
            } else {
                throw CilException.usage("unrecognized option: '" + args.peek() + "'");
            }
        }
        for (int id : roots) {
            if (id < 0 || id >= btf.typeCount()) throw CilException.failure("invalid root ID: " + Integer.toUnsignedString(id));
        }
        int[] ids = roots.stream().mapToInt(Integer::intValue).toArray();
        PrintWriter out = out();
        if (c) {
            if (global().json()) throw CilException.usage("JSON output for C-syntax dump is not supported");
            BtfCDump.Style style = bpftool71 ? BtfCDump.Style.BPFTOOL_7_1 : BtfCDump.Style.CURRENT;
            if (ids.length == 0) BtfCDump.dump(btf, style, out);
            else BtfCDump.dump(btf, ids, style, out);
        } else if (global().json()) {
            BpftoolJsonWriter w = new BpftoolJsonWriter(out, global().pretty());
            if (ids.length == 0) BtfRawDump.json(btf, w);
            else BtfRawDump.json(btf, ids, w);
            out.println();
        } else if (ids.length == 0) {
            BtfRawDump.text(btf, out);
        } else {
            BtfRawDump.text(btf, ids, out);
        }
        return ExitCodes.OK;
    }
}
