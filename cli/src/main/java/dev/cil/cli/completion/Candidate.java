package dev.cil.cli.completion;

/**
 * One completion: the word to insert, a short description shown beside it (jline, fish; empty when
 * there is none), and whether the word is complete (a space follows) or a prefix such as a
 * directory ({@code /sys/fs/bpf/tc/}) that the user goes on typing.
 */
public record Candidate(String value, String description, boolean complete) {
    public Candidate {
        if (value == null) throw new IllegalArgumentException("candidate without a value");
        if (description == null) description = "";
    }

    public static Candidate of(String value) { return new Candidate(value, "", true); }

    public static Candidate of(String value, String description) { return new Candidate(value, description, true); }

    /** A prefix the user goes on typing (no space after it). */
    public static Candidate partial(String value, String description) { return new Candidate(value, description, false); }
}
