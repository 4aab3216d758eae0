package dev.cil.cli.command.bpf;

import dev.cil.api.NodePaths;
import dev.cil.bpf.BpfMap;
import dev.cil.cli.CilException;
import dev.cil.cli.output.TabWriter;
import dev.cil.error.NoSuchObjectException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Opening a node's pinned maps, and cilium-dbg's {@code TablePrinter} for two-column dumps. */
final class PinnedMaps {
    private PinnedMaps() { }

    static BpfMap open(NodePaths p, String name) {
        Path pin = p.mapPin(name);
        try {
            return BpfMap.openPinned(pin.toString(), BpfMap.F_RDONLY);
        } catch (NoSuchObjectException e) {
            throw CilException.precondition("no map " + name + " pinned at " + pin + ": node " + p.node()
                    + " has no datapath (start it with 'cil daemon start -N " + p.node() + "')");
        }
    }

    /** One row of a two-column table: a key and its value strings. */
    record Row(String key, List<String> values) { }

    /** cilium-dbg's {@code TablePrinter}: tabwriter (5,0,3), {@code TITLE1\tTITLE2\t}, rows in the given order. */
    static String table(String first, String second, List<Row> rows) {
        TabWriter w = TabWriter.lists();
        w.print(first + "\t" + second + "\t\n");
        for (Row r : rows) {
            for (int i = 0; i < r.values().size(); i++) w.print((i == 0 ? r.key() : "") + "\t" + r.values().get(i) + "\t\n");
        }
        return w.format();
    }

    /** The JSON form of such a table: key → list of values, keys sorted. */
    static Map<String, List<String>> json(List<Row> rows) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Row r : rows) m.computeIfAbsent(r.key(), k -> new ArrayList<>()).addAll(r.values());
        return m;
    }
}
