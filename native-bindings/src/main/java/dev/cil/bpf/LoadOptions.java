package dev.cil.bpf;

import dev.cil.btf.BtfSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * How {@link BpfCollection#load} turns a spec into kernel objects.
 *
 * <ul>
 *   <li>{@code pinDir}: where maps declared with {@code pinning = LIBBPF_PIN_BY_NAME} are pinned, as
 *       {@code pinDir/<map name>}; an existing compatible pin is reused (not re-initialised), an
 *       incompatible one is an error (as libbpf). Null: libbpf's default {@code /sys/fs/bpf}.</li>
 *   <li>replacement maps by name: use this open map instead of creating one (bpftool's
 *       {@code map name NAME pinned PATH}).</li>
 *   <li>{@code programType}: force a program type for every program (bpftool's {@code type}).</li>
 *   <li>{@code coreTarget}: the BTF CO-RE relocations resolve against (default: the running kernel's).</li>
 * </ul>
 */
public final class LoadOptions {
    private final String pinDir;
    private final Map<String, BpfMap> replacements;
    private final Integer programType;
    private final Integer expectedAttachType;
    private final BtfSpec coreTarget;

    public LoadOptions(String pinDir) { this(pinDir, Map.of(), null, null, null); }

    private LoadOptions(String pinDir, Map<String, BpfMap> replacements, Integer programType, Integer expectedAttachType,
                        BtfSpec coreTarget) {
        this.pinDir = pinDir;
        this.replacements = Map.copyOf(replacements);
        this.programType = programType;
        this.expectedAttachType = expectedAttachType;
        this.coreTarget = coreTarget;
    }

    public static LoadOptions defaults() { return new LoadOptions(null); }

    public LoadOptions withPinDir(String dir) { return new LoadOptions(dir, replacements, programType, expectedAttachType, coreTarget); }

    /** Uses {@code map} (not owned: the caller closes it) for the map the object calls {@code name}. */
    public LoadOptions withMap(String name, BpfMap map) {
        Map<String, BpfMap> r = new HashMap<>(replacements);
        r.put(name, map);
        return new LoadOptions(pinDir, r, programType, expectedAttachType, coreTarget);
    }

    public LoadOptions withProgramType(ProgramType type, AttachType expected) {
        return new LoadOptions(pinDir, replacements, type.number(), expected == null ? null : expected.number(), coreTarget);
    }

    public LoadOptions withCoreTarget(BtfSpec btf) { return new LoadOptions(pinDir, replacements, programType, expectedAttachType, btf); }

    public String pinDir() { return pinDir == null ? "/sys/fs/bpf" : pinDir; }

    Map<String, BpfMap> replacements() { return replacements; }

    Integer programType() { return programType; }

    Integer expectedAttachType() { return expectedAttachType; }

    BtfSpec coreTarget() { return coreTarget; }
}
