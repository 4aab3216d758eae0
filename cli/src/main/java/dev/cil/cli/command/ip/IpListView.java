package dev.cil.cli.command.ip;

import dev.cil.api.IpListEntry;
import dev.cil.cli.output.TabWriter;
import dev.cil.cli.output.Text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** cilium-dbg {@code ip list} text (formats.md §11): tabwriter (5,0,3), identity labels one per line, SOURCE trailing. */
public final class IpListView {
    private IpListView() { }

    /**
     * @param labels identity → its labels (from the daemon); an identity without labels prints its number
     * @param numeric print identity numbers instead of labels
     */
    public static String text(List<IpListEntry> entries, Map<Long, List<String>> labels, boolean numeric, boolean verbose) {
        TabWriter w = TabWriter.lists();
        w.print(verbose ? "IP\tIDENTITY\tSOURCE\tHOST\tENCRYPT_KEY\n" : "IP\tIDENTITY\tSOURCE\n");
        for (IpListEntry e : entries) {
            String src = e.metadata() == null || e.metadata().source() == null ? "" : e.metadata().source();
            List<String> ids = new ArrayList<>();
            List<String> l = labels.get(e.identity());
            if (numeric || l == null || l.isEmpty()) ids.add(Long.toString(e.identity()));
            else {
                ids.addAll(l);
                Collections.sort(ids);
            }
            for (int i = 0; i < ids.size(); i++) {
                String id = Text.safe(ids.get(i));
                if (i == 0) {
                    if (verbose) w.print(e.cidr() + "\t" + id + "\t" + src + "\t" + (e.hostIp() == null ? "" : e.hostIp()) + "\t0\n");
                    else w.print(e.cidr() + "\t" + id + "\t" + src + "\n");
                } else {
                    w.print(verbose ? "\t" + id + "\t\t\t\n" : "\t" + id + "\t\n");
                }
            }
        }
        return w.format();
    }
}
