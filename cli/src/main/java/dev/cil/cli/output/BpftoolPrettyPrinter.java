package dev.cil.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;

/**
 * {@code -p} as bpftool's {@code json_writer.c} prints it: a newline and a 4-space indent before each
 * member name and before a closing bracket that follows a value, {@code ": "} after names, nothing
 * between array items but the comma (so {@code "map_ids": [8314\n    ]} and {@code [{ … },{ … }]}),
 * and {@code []} / {@code {}} when empty. One instance per generator: it counts the nesting.
 */
final class BpftoolPrettyPrinter implements PrettyPrinter {
    private int depth;

    private void eol(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < depth; i++) g.writeRaw("    ");
    }

    @Override public void writeRootValueSeparator(JsonGenerator g) throws IOException { g.writeRaw('\n'); }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override public void beforeObjectEntries(JsonGenerator g) throws IOException { eol(g); }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        eol(g);
    }

    @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }

    private void close(JsonGenerator g, int items, char bracket) throws IOException {
        depth--;
        if (items > 0) eol(g);
        g.writeRaw(bracket);
    }

    @Override public void writeEndObject(JsonGenerator g, int entries) throws IOException { close(g, entries, '}'); }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override public void beforeArrayValues(JsonGenerator g) { }

    @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(','); }

    @Override public void writeEndArray(JsonGenerator g, int values) throws IOException { close(g, values, ']'); }
}
