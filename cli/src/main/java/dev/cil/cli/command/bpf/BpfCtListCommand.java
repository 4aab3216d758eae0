package dev.cil.cli.command.bpf;

import dev.cil.api.maps.CtMap;
import dev.cil.bpf.BpfMap;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** {@code cil bpf ct list global}: cilium_ct4_global from its pin. */
@Command(name = "list", aliases = "ls",
        description = {"List connection tracking entries of the pinned cilium_ct4_global map, as cilium-dbg bpf ct list global:"
                + " the tuple as the creating packet had it, then expiry (CLOCK_MONOTONIC seconds, with the time left),"
                + " packet and byte counts per direction, TCP flags seen, flags and the source identity."},
        footer = {"%nExamples:", "  cil bpf ct list global", "  cil bpf ct list global -o json"})
public final class BpfCtListCommand extends LeafCommand {
    @Parameters(paramLabel = "global", description = "The table: global (the only one this datapath has).")
    String table;

    @Override
    protected int execute() {
        if (!"global".equals(table)) throw CilException.usage("unknown conntrack table '" + table + "' (this datapath has: global)");
        long now = System.nanoTime() / 1_000_000_000L;   // CLOCK_MONOTONIC, the datapath's clock
        List<CtMap.Tuple> keys = new ArrayList<>();
        List<CtMap.Entry> entries = new ArrayList<>();
        try (BpfMap m = PinnedMaps.open(Agent.paths(global()), CtMap.NAME)) {
            m.walk((k, ko, v, vo) -> {
                CtMap.Tuple t = CtMap.Tuple.decode(k, ko);
                if (t.nexthdr() == 0) return;   // as cilium-dbg: no protocol, no entry
                keys.add(t);
                entries.add(CtMap.Entry.decode(v, vo));
            });
        }
        if (global().json()) {
            List<Ct> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) out.add(json(keys.get(i), entries.get(i)));
            ModelJson.print(out(), out, global().compactJson());
            return ExitCodes.OK;
        }
        if (keys.isEmpty()) {
            err().println("No entries found.");
            return ExitCodes.OK;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) b.append(keys.get(i).text()).append(entries.get(i).text(now));
        out().print(b);
        return ExitCodes.OK;
    }

    /** One entry in JSON: the tuple and the entry with the C structs' field names (bpf-programs/include/cil_maps.h). */
    public record Ct(String protocol, String saddr, int sport, String daddr, int dport, int tuple_flags, long packets_tx,
                     long bytes_tx, long packets_rx, long bytes_rx, long lifetime, int flags, int tx_flags_seen, int rx_flags_seen,
                     long last_tx_report, long last_rx_report, long src_sec_id, long created) { }

    private static Ct json(CtMap.Tuple t, CtMap.Entry e) {
        return new Ct(CtMap.protocol(t.nexthdr()), t.saddr().getHostAddress(), t.sport(), t.daddr().getHostAddress(), t.dport(),
                t.flags(), e.packetsTx(), e.bytesTx(), e.packetsRx(), e.bytesRx(), e.lifetime(), e.flags(), e.txFlagsSeen(),
                e.rxFlagsSeen(), e.lastTxReport(), e.lastRxReport(), e.srcSecId(), e.created());
    }
}
