package dev.cil.cli;


import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root: {@code cil OBJECT COMMAND [ARGS]}. Its subcommands are registered by {@link CommandLineFactory#COMMANDS}.
 * Only the options of {@link GlobalOptions} (help included) reach subcommands; the root's header and
 * footer stay the root's.
 */
@Command(name = "cil",
        versionProvider = VersionProvider.class,
        header = "cil: bpftool, cilium-dbg and hubble for one node, in one command.",
        synopsisHeading = "%nUsage: ",
        description = {"",
                "Shows and changes any BPF object on this machine (prog, map, link), read straight from the kernel.",
                "Any unambiguous prefix selects a command: 'cil p s' is 'cil prog show'; bpftool's groups win a prefix",
                "they share with a later command: 'cil m s' is 'cil map show', as in bpftool.",
                "",
                "cil runs on the JVM: a one-shot command takes about 0.1 s (bpftool: 1 ms). For many commands use",
                "'cil shell' (or 'cil shell < FILE'), where each takes well under a millisecond."},
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        footer = {"%nExamples:",
                "  cil prog show",
                "  cil -j map show name cilium_lxc",
                "  cil map dump pinned /sys/fs/bpf/tc/globals/cilium_metrics",
                ExitCodes.HELP})
public final class CilCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @picocli.CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    public GlobalOptions global() { return global; }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
