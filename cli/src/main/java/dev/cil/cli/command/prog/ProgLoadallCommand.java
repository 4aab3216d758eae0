package dev.cil.cli.command.prog;

import dev.cil.cli.command.Selectors;
import picocli.CommandLine.Command;

/** {@code cil prog loadall OBJ DIR …}: as {@code load}, pinning every program as DIR/NAME. */
@Command(name = "loadall",
        description = "Load a BPF object with cil's own loader and pin every program under DIR (as DIR/NAME).",
        footer = {"%nOptions as 'prog load': type TYPE, map {idx IDX | name NAME} MAP (MAP := " + Selectors.MAP_SPEC + "), pinmaps DIR.",
                "%nExamples:", "  cil prog loadall bpf_lxc.o /sys/fs/bpf/lxc pinmaps /sys/fs/bpf/lxc/maps"})
public final class ProgLoadallCommand extends ProgLoadCommand {
    @Override
    boolean pinsAll() { return true; }
}
