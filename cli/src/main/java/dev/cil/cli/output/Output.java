package dev.cil.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Where a command prints: the command's writer and the chosen format. JSON is one document per
 * invocation (bpftool's {@code -j}: compact, one line; {@code -p}: bpftool's indentation, see
 * {@link BpftoolPrettyPrinter}), text is the peer's
 * lines. Commands never pick the format themselves.
 */
public final class Output {
    private static volatile JsonFactory factory;

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean pretty;

    public Output(PrintWriter out, OutputFormat format, boolean pretty) {
        this.out = out;
        this.format = format;
        this.pretty = pretty;
    }

    public boolean json() { return format == OutputFormat.JSON; }

    public PrintWriter writer() { return out; }

    /** A generator over the command's writer; close it (try-with-resources) to flush, then a newline follows. */
    public JsonGenerator generator() {
        try {
            JsonFactory f = factory;
            if (f == null) factory = f = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
            JsonGenerator g = f.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) g.setPrettyPrinter(new BpftoolPrettyPrinter());
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints one object. */
    public void one(View v) {
        if (json()) {
            try (JsonGenerator g = generator()) {
                v.json(g);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        } else {
            v.text(out);
        }
    }

    /** Prints a list: a JSON array (empty: {@code []}), or the text of each element in order. */
    public void list(List<? extends View> views) {
        if (json()) {
            try (JsonGenerator g = generator()) {
                g.writeStartArray();
                for (View v : views) v.json(g);
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        } else {
            for (View v : views) v.text(out);
        }
    }

    /** bpftool prints {@code null} in JSON mode for commands that have nothing to say (update, delete, pin). */
    public void nothing() {
        if (json()) out.println("null");
    }
}
