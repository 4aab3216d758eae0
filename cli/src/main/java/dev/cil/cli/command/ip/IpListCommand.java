package dev.cil.cli.command.ip;

import dev.cil.api.Identity;
import dev.cil.api.IpListEntry;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code cil ip list}. */
@Command(name = "list", aliases = "ls",
        description = "List the IP cache: each address or prefix with its identity's labels and its source, as cilium-dbg ip list"
                + " (sorted by prefix length, then address).",
        footer = {"%nExamples:", "  cil ip list", "  cil ip list -n", "  cil -N k8s-w1 ip list -o json"})
public final class IpListCommand extends LeafCommand {
    @Option(names = {"-n", "--numeric"}, description = "Print identity numbers instead of their labels.")
    boolean numeric;

    @Option(names = {"-v", "--verbose"}, description = "Add the HOST and ENCRYPT_KEY columns.")
    boolean verbose;

    @Override
    protected int execute() {
        List<Object> both = Agent.call(global(), c -> {
            List<Object> r = new ArrayList<>();
            r.add(c.ipList());
            r.add(numeric || global().json() ? List.of() : c.identities());
            return r;
        });
        @SuppressWarnings("unchecked") List<IpListEntry> entries = new ArrayList<>((List<IpListEntry>) both.get(0));
        @SuppressWarnings("unchecked") List<Identity> ids = (List<Identity>) both.get(1);
        entries.sort(ORDER);
        if (global().json()) {
            ModelJson.print(out(), entries, global().compactJson());
            return ExitCodes.OK;
        }
        Map<Long, List<String>> labels = new HashMap<>();
        for (Identity i : ids) labels.put(i.id(), i.labels());
        out().print(IpListView.text(entries, labels, numeric, verbose));
        return ExitCodes.OK;
    }

    /** Prefix length ascending, then the address numerically. */
    static final Comparator<IpListEntry> ORDER = Comparator
            .comparingInt((IpListEntry e) -> prefixLength(e.cidr())).thenComparingLong(e -> address(e.cidr()));

    static int prefixLength(String cidr) {
        int s = cidr.indexOf('/');
        return s < 0 ? 32 : Integer.parseInt(cidr.substring(s + 1));
    }

    static long address(String cidr) {
        int s = cidr.indexOf('/');
        String[] p = (s < 0 ? cidr : cidr.substring(0, s)).split("\\.");
        long v = 0;
        for (String x : p) v = v * 256 + Long.parseLong(x);
        return v;
    }
}
