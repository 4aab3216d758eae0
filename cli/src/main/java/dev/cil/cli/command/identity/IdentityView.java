package dev.cil.cli.command.identity;

import dev.cil.api.Identity;
import dev.cil.cli.output.TabWriter;
import dev.cil.cli.output.Text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** cilium-dbg {@code identity list} text (formats.md §12): tabwriter (2,0,3), {@code ID\tLABELS}, one label per line. */
public final class IdentityView {
    private IdentityView() { }

    public static String text(List<Identity> ids) {
        TabWriter w = TabWriter.status();
        w.print("ID\tLABELS\n");
        List<Identity> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparingLong(Identity::id));
        for (Identity i : sorted) {
            List<String> l = new ArrayList<>(i.labels() == null ? List.of() : i.labels());
            Collections.sort(l);
            boolean first = true;
            for (String s : l) {
                w.print(first ? i.id() + "\t" + Text.safe(s) + "\n" : "\t" + Text.safe(s) + "\n");
                first = false;
            }
        }
        return w.format();
    }
}
