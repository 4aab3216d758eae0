package dev.cil.cli.shell;

import dev.cil.cli.completion.Candidate;
import dev.cil.cli.completion.CompletionEngine;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;

/**
 * jline's side of completion: the words before the cursor go to the {@link CompletionEngine}; the
 * shell's own words ({@code help}, {@code exit}, {@code $?}) are offered at the start of a line, and
 * after {@code help} the rest completes as a command line. Never throws: a failed completion offers
 * nothing rather than printing into the line.
 */
final class JlineCompleter implements Completer {
    private final CompletionEngine engine;
    private final List<String> defaults;

    JlineCompleter(CompletionEngine engine, List<String> defaults) {
        this.engine = engine;
        this.defaults = defaults;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<org.jline.reader.Candidate> candidates) {
        try {
            List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
            words.add(line.word().substring(0, Math.min(line.wordCursor(), line.word().length())));
            if (words.size() > 1 && words.get(0).equals("cil")) words.remove(0);
            boolean start = words.size() == 1;
            if (words.size() > 1 && words.get(0).equals("help")) words.remove(0);
            if (start) {
                for (String b : LineRunner.BUILTINS) {
                    if (!b.equals("quit")) candidates.add(new org.jline.reader.Candidate(b, b, null, "shell", null, null, true));
                }
            }
            for (Candidate c : engine.complete(LineRunner.withDefaults(defaults, words))) {
                candidates.add(new org.jline.reader.Candidate(c.value(), c.value(), null,
                        c.description().isEmpty() ? null : c.description(), null, null, c.complete()));
            }
        } catch (RuntimeException e) {
            // nothing to offer
        }
    }
}
