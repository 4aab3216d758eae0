package dev.cil.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * One model, rendered twice: as the peer's text lines and as the peer's JSON. A view is immutable and
 * built before anything is printed.
 */
public interface View {
    /** The text form (bpftool's or cilium-dbg's lines). Strings from the kernel go through {@link Text#safe}. */
    void text(PrintWriter out);

    /** The JSON form (the peer's keys, in the peer's order). */
    void json(JsonGenerator g) throws IOException;
}
