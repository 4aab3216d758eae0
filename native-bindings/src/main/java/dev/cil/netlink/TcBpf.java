package dev.cil.netlink;

import java.util.List;
import java.util.Optional;

/**
 * The options of a cls_bpf filter (TCA_OPTIONS of kind {@code bpf}).
 *
 * @param name     TCA_BPF_NAME (tc sets {@code file:[section]}; bpftool prints it)
 * @param progId   TCA_BPF_ID (0 when absent)
 * @param tag      TCA_BPF_TAG as 16 hex digits
 * @param flags    TCA_BPF_FLAGS ({@link Tc#BPF_FLAG_ACT_DIRECT})
 * @param genFlags TCA_BPF_FLAGS_GEN (skip_hw, skip_sw, in_hw, ...)
 * @param actions  the actions in TCA_BPF_ACT, by index
 */
public record TcBpf(Optional<String> name, int progId, Optional<String> tag, int flags, int genFlags, List<Action> actions) {

    /**
     * A tc action attached to the filter.
     * @param index  its position (1-based, TCA_ACT_MAX_PRIO at most)
     * @param kind   TCA_ACT_KIND ({@code bpf}, {@code gact}, ...)
     * @param name   TCA_ACT_BPF_NAME for bpf actions
     * @param progId TCA_ACT_BPF_ID for bpf actions (0 otherwise)
     */
    public record Action(int index, String kind, Optional<String> name, int progId) { }

    public boolean directAction() { return (flags & Tc.BPF_FLAG_ACT_DIRECT) != 0; }
}
