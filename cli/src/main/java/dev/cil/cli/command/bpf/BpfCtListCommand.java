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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            List<Map<String, Object>> out = new ArrayList<>();
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

    private static Map<String, Object> json(CtMap.Tuple t, CtMap.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", CtMap.protocol(t.nexthdr()));
        m.put("saddr", t.saddr().getHostAddress());
        m.put("sport", t.sport());
        m.put("daddr", t.daddr().getHostAddress());
        m.put("dport", t.dport());
        m.put("tuple_flags", t.flags());
        m.put("packets_tx", e.packetsTx());
        m.put("bytes_tx", e.bytesTx());
        m.put("packets_rx", e.packetsRx());
        m.put("bytes_rx", e.bytesRx());
        m.put("lifetime", e.lifetime());
        m.put("flags", e.flags());
        m.put("tx_flags_seen", e.txFlagsSeen());
        m.put("rx_flags_seen", e.rxFlagsSeen());
        m.put("last_tx_report", e.lastTxReport());
        m.put("last_rx_report", e.lastRxReport());
        m.put("src_sec_id", e.srcSecId());
        m.put("created", e.created());
        return m;
    }
}
