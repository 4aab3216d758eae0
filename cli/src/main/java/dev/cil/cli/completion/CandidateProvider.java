package dev.cil.cli.completion;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source of live completion values (ids, names, devices, …) for one or more value kinds.
 *
 * <p>A kind is the upper-case label of a value in a command's positional grammar, qualified by the
 * selector it sits in: {@code ID} inside {@code MAP := id ID | …} is {@code MAP_ID}, {@code NAME} is
 * {@code MAP_NAME}; a value outside a selector keeps its own label ({@code DEV}, {@code FILE}); an
 * option's value is asked as the option's long name ({@code --netns} → {@code NETNS}) and then its
 * label. See {@link Grammar} for how a command's positional description becomes a grammar.
 *
 * <p>Built-in providers cover BPF objects, network devices, named namespaces and paths
 * ({@link BuiltinProviders}). A command added later registers its own by implementing this
 * interface and listing the class in {@code META-INF/services/dev.cil.cli.completion.CandidateProvider}
 * (e.g. {@code ENDPOINT}, {@code NODE}, {@code IDENTITY}, {@code LABEL_KEY}), or at run time through
 * {@link Providers#register}.
 *
 * <p>Contract: {@link #candidates} may block (the caller bounds the time and caches the answer
 * briefly), may throw (the caller swallows it: completion never prints an error), and must not
 * write anywhere.
 */
public interface CandidateProvider {
    /** The value kinds this provider answers. */
    Set<String> kinds();

    /** The candidates for {@code request.kind()}; any order, duplicates allowed. */
    List<Candidate> candidates(CompletionRequest request) throws Exception;

    /**
     * Selectors this provider defines for command grammars, name to grammar, e.g.
     * {@code "ENDPOINT" -> "id ID | name NAME"} (then {@code ENDPOINT_ID}, {@code ENDPOINT_NAME}).
     */
    default Map<String, String> nonterminals() { return Map.of(); }

    /** Whether answers for {@code kind} may be cached for a moment (false for file names). */
    default boolean cacheable(String kind) { return true; }
}
