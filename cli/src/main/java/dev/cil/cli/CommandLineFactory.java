package dev.cil.cli;

import dev.cil.cli.command.bpf.BpfCommand;
import dev.cil.cli.command.btf.BtfCommand;
import dev.cil.cli.command.daemon.DaemonCommand;
import dev.cil.cli.command.endpoint.EndpointCommand;
import dev.cil.cli.command.identity.IdentityCommand;
import dev.cil.cli.command.ip.IpCommand;
import dev.cil.cli.command.status.StatusCommand;
import dev.cil.cli.command.whoami.WhoamiCommand;
import dev.cil.cli.command.link.LinkCommand;
import dev.cil.cli.command.map.MapCommand;
import dev.cil.cli.command.net.NetCommand;
import dev.cil.cli.command.observe.MonitorCommand;
import dev.cil.cli.command.observe.ObserveCommand;
import dev.cil.cli.command.prog.ProgCommand;
import dev.cil.cli.completion.CompleteCommand;
import dev.cil.cli.shell.ShellCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the command tree the same way for {@code main}, for {@code cil shell} and for tests.
 *
 * <p>Start-up: building picocli's model of every command costs more than the JVM start itself, so a
 * one-shot command line whose first word names one command group (by name, alias or unambiguous
 * prefix, as picocli would resolve it) gets a tree with only that group; help, completion, the shell
 * and anything unresolved get the whole tree.
 */
public final class CommandLineFactory {
    private CommandLineFactory() { }

    /** The top-level commands, in help order. New command groups are added here. */
    public static final List<Class<?>> COMMANDS = List.of(ProgCommand.class, MapCommand.class, LinkCommand.class,
            NetCommand.class, BtfCommand.class,
            // the node's loader daemon and the agent commands (cilium-dbg's)
            DaemonCommand.class, StatusCommand.class, EndpointCommand.class, IpCommand.class, IdentityCommand.class,
            BpfCommand.class, WhoamiCommand.class,
            // flows (hubble observe) and raw datapath events (cilium-dbg monitor)
            ObserveCommand.class, MonitorCommand.class,
            ShellCommand.class, TrainCommand.class, CompleteCommand.class);

    /** Global options that take a value (so their value is not mistaken for the command word). */
    private static final Set<String> VALUED = Set.of("-o", "--output", "--netns", "-N", "--node", "--color");

    /** The whole tree. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return configure(tree(COMMANDS), out, err);
    }

    /** The tree for one command line: only the group it names, when it names exactly one. */
    public static CommandLine createFor(PrintWriter out, PrintWriter err, String... args) {
        Class<?> group = groupOf(args);
        return configure(tree(group == null ? COMMANDS : List.of(group)), out, err);
    }

    private static CommandLine tree(List<Class<?>> groups) {
        CommandLine cl = new CommandLine(new CilCommand());
        for (Class<?> g : groups) addShadowing(cl, new CommandLine(g));
        return cl;
    }

    /**
     * Adds a top-level command whose own options may reuse the name of an inherited global option
     * (observe's {@code -o compact} and {@code -f/--follow}, as hubble spells them): picocli refuses
     * two options with one name, so the command's own option is set aside while the globals are
     * inherited, then the clashing global is removed from that command and its own put back.
     */
    private static void addShadowing(CommandLine root, CommandLine sub) {
        List<String> globals = new ArrayList<>();
        for (OptionSpec o : root.getCommandSpec().options()) {
            if (o.scopeType() == CommandLine.ScopeType.INHERIT) globals.addAll(List.of(o.names()));
        }
        List<OptionSpec> own = new ArrayList<>();
        for (OptionSpec o : new ArrayList<>(sub.getCommandSpec().options())) {
            if (!o.inherited() && List.of(o.names()).stream().anyMatch(globals::contains)) {
                own.add(o);
                sub.getCommandSpec().remove(o);
            }
        }
        root.addSubcommand(sub);
        for (OptionSpec o : own) {
            for (OptionSpec inherited : new ArrayList<>(sub.getCommandSpec().options())) {
                if (inherited.inherited() && List.of(inherited.names()).stream().anyMatch(List.of(o.names())::contains)) {
                    sub.getCommandSpec().remove(inherited);
                }
            }
            sub.getCommandSpec().addOption(o);
        }
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out)
                .setErr(err)
                .setAbbreviatedSubcommandsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false)
                .setParameterExceptionHandler(new UsageReporter())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setExitCodeExceptionMapper(ErrorReporter::exitCode);
        return cl;
    }

    /** bpftool's own groups: a prefix they share with a later command selects them, as in bpftool ('m' is map). */
    static final Set<Class<?>> BPFTOOL_GROUPS = Set.of(ProgCommand.class, MapCommand.class, LinkCommand.class,
            NetCommand.class, BtfCommand.class);

    /** The groups whose commands go to the kernel (bpf(2), netlink) rather than to a daemon. */
    static final Set<Class<?>> READS_KERNEL = Set.of(ProgCommand.class, MapCommand.class, LinkCommand.class,
            NetCommand.class, BtfCommand.class, BpfCommand.class);

    /** Where the first command word is, or -1 (none, or a help/version request first). */
    private static int commandWordIndex(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) return -1;
            if (a.startsWith("-")) {
                if (VALUED.contains(a)) i++;
                if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return -1;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** The top-level commands {@code word} names: the one it names exactly, else those it is a prefix of, in help order. */
    private static List<Class<?>> matches(String word) {
        List<Class<?>> matches = new ArrayList<>();
        for (Class<?> c : COMMANDS) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd.name().equals(word) || List.of(cmd.aliases()).contains(word)) return List.of(c);
            if (cmd.name().startsWith(word)) matches.add(c);
        }
        return matches;
    }

    /** The group the first command word selects, or null (no word, help, an unknown or ambiguous word). */
    static Class<?> groupOf(String... args) {
        int i = commandWordIndex(args);
        if (i < 0) return null;
        List<Class<?>> m = matches(args[i]);
        return m.size() == 1 ? m.get(0) : null;
    }

    /**
     * The command line with a first word that is a prefix of a bpftool group and of a later command
     * ({@code m}: map and monitor) spelled out as the bpftool group, as bpftool resolves it; else
     * {@code args} itself.
     */
    static String[] preferBpftoolGroups(String... args) {
        int i = commandWordIndex(args);
        if (i < 0) return args;
        List<Class<?>> m = matches(args[i]);
        if (m.size() < 2 || !BPFTOOL_GROUPS.contains(m.get(0))) return args;
        String[] out = args.clone();
        out[i] = m.get(0).getAnnotation(Command.class).name();
        return out;
    }

    /** Runs one command line; never throws. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(null, out, err, args);
    }

    /**
     * Runs one command line on {@code tree}, a tree from {@link #create} that has run nothing yet (cil
     * shell builds the next line's tree while the user types), or on a new one when it is null; never throws.
     */
    public static int run(CommandLine tree, PrintWriter out, PrintWriter err, String... line) {
        String[] args = preferBpftoolGroups(line);
        try {
            return (tree != null ? tree : createFor(out, err, args)).setOut(out).setErr(err).execute(args);
        } catch (RuntimeException | Error e) {
            // picocli handlers failed themselves: still one line, still an exit code
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            ErrorReporter.report(e, false, debug, out, err);
            return ErrorReporter.exitCode(e);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
