package dev.cil.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * JSON of the daemon's API models as cilium-dbg prints it ({@code -o json}, formats.md §0.2): Go's
 * {@code json.MarshalIndent(v, "", "  ")} — two-space indent, {@code "key": value}, {@code []} and
 * {@code {}} for empty containers, map keys sorted, {@code <}, {@code >}, {@code &} escaped as
 * {@code \u003c} — then a newline. {@code -j} prints the same document on one line.
 */
public final class ModelJson {
    private ModelJson() { }

    private static volatile ObjectMapper mapper;

    static ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            m = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            m.getFactory().setCharacterEscapes(new GoEscapes());
            mapper = m;
        }
        return m;
    }

    /** Go's HTML-safe escaping of {@code <}, {@code >}, {@code &}, U+2028 and U+2029. */
    static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        GoEscapes() {
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() { return ascii; }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            switch (ch) {
                case '<': return new SerializedString("\\u003c");
                case '>': return new SerializedString("\\u003e");
                case '&': return new SerializedString("\\u0026");
                case 0x2028: return new SerializedString("\\u2028");
                case 0x2029: return new SerializedString("\\u2029");
                default: return null;
            }
        }
    }

    private static DefaultPrettyPrinter goIndent() {
        DefaultIndenter two = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        pp.indentObjectsWith(two);
        pp.indentArraysWith(two);
        return pp;
    }

    /** The document text, without the final newline. */
    public static String toString(Object model, boolean compact) {
        try {
            ObjectWriter w = compact ? mapper().writer() : mapper().writer(goIndent());
            return w.writeValueAsString(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@code model} and a newline. */
    public static void print(PrintWriter out, Object model, boolean compact) {
        out.print(toString(model, compact));
        out.print('\n');
    }

    /** For views that stream: a generator with the same settings. */
    public static JsonGenerator generator(PrintWriter out, boolean compact) throws IOException {
        JsonGenerator g = mapper().getFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (!compact) g.setPrettyPrinter(goIndent());
        return g;
    }
}
