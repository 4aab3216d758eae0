package dev.cil.cli.command.bpf;

import dev.cil.api.maps.MetricsMap;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.PossibleCpus;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import dev.cil.cli.output.TabWriter;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code cil bpf metrics list}: cilium_metrics from its pin, summed over CPUs. */
@Command(name = "list", aliases = "ls",
        description = "List the datapath's counters (cilium_metrics summed over CPUs) by reason, direction, source line and"
                + " file, as cilium-dbg bpf metrics list.",
        footer = {"%nExamples:", "  cil bpf metrics list", "  cil bpf metrics list -o json"})
public final class BpfMetricsListCommand extends LeafCommand {
    /** cilium-dbg's JSON of one counter (its struct's field order; direction in lowercase). */
    public record Metric(String reason, String direction, long packets, long bytes, int line, String file) { }

    /** One line of the table. */
    public record Row(String reason, String direction, long packets, long bytes, int line, String file, int dir) { }

    @Override
    protected int execute() {
        List<Row> rows = read();
        if (rows.isEmpty()) {
            err().println("No entries found.");
            return ExitCodes.OK;
        }
        if (global().json()) {
            List<Metric> out = new ArrayList<>();
            for (Row r : rows) out.add(new Metric(r.reason(), MetricsMap.directionJson(r.dir()), r.packets(), r.bytes(), r.line(), r.file()));
            ModelJson.print(out(), out, global().compactJson());
        } else {
            out().print(text(rows));
        }
        return ExitCodes.OK;
    }

    private List<Row> read() {
        Map<MetricsMap.Key, long[]> sums = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        int cpus = PossibleCpus.count();
        try (BpfMap m = PinnedMaps.open(Agent.paths(global()), MetricsMap.NAME)) {
            m.walk((k, ko, v, vo) -> {
                MetricsMap.Key key = MetricsMap.Key.decode(k, ko);
                MetricsMap.Value val = MetricsMap.Value.sumPerCpu(v, vo, cpus);
                long[] s = sums.computeIfAbsent(key, x -> new long[2]);
                s[0] += val.packets();
                s[1] += val.bytes();
            });
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<MetricsMap.Key, long[]> e : sums.entrySet()) {
            MetricsMap.Key k = e.getKey();
            rows.add(new Row(MetricsMap.reason(k.reason()), MetricsMap.direction(k.dir()), e.getValue()[0], e.getValue()[1],
                    k.line(), MetricsMap.file(k.file()), k.dir()));
        }
        return rows;
    }

    /** The table, rows sorted by comparing every column as a string, left to right (as cilium-dbg). */
    public static String text(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(new String[] {r.reason(), r.direction(), Long.toUnsignedString(r.packets()), Long.toUnsignedString(r.bytes()),
                Integer.toString(r.line()), r.file()});
        }
        cells.sort((a, b) -> {
            for (int i = 0; i < a.length; i++) {
                int c = a[i].compareTo(b[i]);
                if (c != 0) return c;
            }
            return 0;
        });
        TabWriter w = TabWriter.lists();
        w.print("REASON\tDIRECTION\tPACKETS\tBYTES\tLINE\tFILE\n");
        for (String[] c : cells) w.print(String.join("\t", c) + "\n");
        return w.format();
    }
}
