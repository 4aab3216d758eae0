package dev.cil.cli.completion;

/**
 * What a {@link CandidateProvider} is asked for: the value kind ({@code MAP_NAME}, {@code DEV}, …),
 * the part of the word typed so far (providers may use it to narrow a search; the engine filters
 * by it anyway), and the named network namespace given with {@code --netns} on the line (null:
 * the caller's namespace).
 */
public record CompletionRequest(String kind, String prefix, String netns) {
    public CompletionRequest {
        if (kind == null) throw new IllegalArgumentException("kind");
        if (prefix == null) prefix = "";
    }
}
