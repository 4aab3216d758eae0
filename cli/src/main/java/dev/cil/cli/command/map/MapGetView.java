package dev.cil.cli.command.map;

import dev.cil.api.BpfMapModel;
import dev.cil.cli.output.TabWriter;
import dev.cil.cli.output.Text;

/** cilium-dbg {@code map get NAME} text (formats.md §9, §10): Key, Value, State, Error (trailing) in cache order. */
public final class MapGetView {
    private MapGetView() { }

    public static String text(BpfMapModel m) {
        if (m.cache() == null) return "Cache is disabled\n\n";
        if (m.cache().isEmpty()) return "Cache is empty\n\n";
        TabWriter w = TabWriter.lists();
        w.print("Key\tValue\tState\tError\n");
        for (BpfMapModel.Entry e : m.cache()) {
            w.print(nz(e.key()) + "\t" + nz(e.value()) + "\t" + nz(e.desiredAction()) + "\t" + nz(e.lastError()) + "\n");
        }
        return w.format();
    }

    private static String nz(String s) { return s == null ? "" : Text.safe(s); }
}
