package dev.cil.cli.command.observe;

import dev.cil.api.NodePaths;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.flow.FilterFlags;
import dev.cil.flow.FlowFilter;
import dev.cil.flow.FlowPrinter;
import dev.cil.flow.FlowRequest;
import dev.cil.flow.FlowStream;
import dev.cil.flow.FlowsResponse;
import dev.cil.flow.GoTime;
import dev.cil.flow.ObserverClient;
import dev.cil.flow.ReplayObserver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Stack;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code cil observe}: hubble observe. Flows come from the daemon's flow API or, with
 * {@code --input-file}, from saved NDJSON lines; hubble's filter, selection and output flags.
 */
@Command(name = "observe",
        description = {"Observe flows of this node's datapath (as hubble observe).",
            "Filter flags: the same flag twice means OR, different flags AND; --not negates the next filter flag."},
        sortOptions = false,
        footer = {"%nExamples:",
            "  cil observe --pod webpod1",
            "  cil observe -f --type drop",
            "  cil observe --last 100 -o json > flows.json",
            "  cil observe --input-file flows.json --from-pod netpod --protocol tcp",
            "  cat flows.json | cil observe --input-file - --not --verdict FORWARDED"})
public final class ObserveCommand extends LeafCommand {
    /** Records filter flags in command-line order (order matters for --not). */
    public static final class FilterConsumer implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            OptionSpec o = (OptionSpec) argSpec;
            String name = o.longestName().replaceFirst("^-+", "");
            String value;
            if (o.arity().max == 0) {
                value = "true";
            } else {
                if (args.isEmpty()) {
                    throw new CommandLine.MissingParameterException(commandSpec.commandLine(), argSpec,
                            "Missing required parameter for option '" + o.longestName() + "' (" + o.paramLabel() + ")");
                }
                value = args.pop();
            }
            ObserveCommand cmd = (ObserveCommand) commandSpec.userObject();
            try {
                switch (name) {
                    case "all-namespaces": case "from-all-namespaces": case "to-all-namespaces": case "not":
                        cmd.filters.set(name, value);
                        break;
                    case "ipv4": cmd.filters.set(name, "v4"); break;
                    case "ipv6": cmd.filters.set(name, "v6"); break;
                    default: cmd.filters.set(name, value);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage(), argSpec, value);
            }
        }
    }

    final FilterFlags filters = new FilterFlags();

    // ---- selectors ----

    @Option(names = "--last", paramLabel = "N", order = 1, description = "Get the last N flows stored (default 20 without --since, --until, --first, --follow or --all).")
    long last;

    @Option(names = "--first", paramLabel = "N", order = 2, description = "Get the first N flows stored.")
    long first;

    @Option(names = "--all", order = 3, description = "Get all flows stored (use with filters).")
    boolean all;

    @Option(names = {"-f", "--follow"}, order = 4, description = "Follow flows output (after --last N, if given).")
    boolean follow;

    @Option(names = "--since", paramLabel = "TIME", order = 5,
            description = "Flows since TIME: a duration before now (3s, 4m, 1h43m) or a time (2024-10-21, 2024-10-21T11:12:10Z, RFC1123Z …).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", order = 6, description = "Flows until TIME (same formats as --since; ignored with --follow).")
    String until;

    // ---- filters (consumed in order) ----

    @Option(names = "--not", arity = "0", order = 10, parameterConsumer = FilterConsumer.class,
            description = "Negate the next filter flag: --not --from-ip 2.2.2.2.")
    boolean notFlag;

    @Option(names = "--pod", paramLabel = "POD", order = 11, parameterConsumer = FilterConsumer.class,
            description = "Flows from or to pods whose name starts with POD; [NS/]POD, namespace default when none is given.")
    String pod;

    @Option(names = "--from-pod", paramLabel = "POD", order = 12, parameterConsumer = FilterConsumer.class, description = "Flows from the pod ([NS/]POD).")
    String fromPod;

    @Option(names = "--to-pod", paramLabel = "POD", order = 13, parameterConsumer = FilterConsumer.class, description = "Flows to the pod ([NS/]POD).")
    String toPod;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", order = 14, parameterConsumer = FilterConsumer.class,
            description = "Flows from or to the Kubernetes namespace.")
    String namespace;

    @Option(names = "--from-namespace", paramLabel = "NS", order = 15, parameterConsumer = FilterConsumer.class, description = "Flows from the namespace.")
    String fromNamespace;

    @Option(names = "--to-namespace", paramLabel = "NS", order = 16, parameterConsumer = FilterConsumer.class, description = "Flows to the namespace.")
    String toNamespace;

    @Option(names = {"-A", "--all-namespaces"}, arity = "0", order = 17, parameterConsumer = FilterConsumer.class,
            description = "Flows in any namespace.")
    boolean allNamespaces;

    @Option(names = "--from-all-namespaces", arity = "0", order = 18, parameterConsumer = FilterConsumer.class,
            description = "Flows from any namespace.")
    boolean fromAllNamespaces;

    @Option(names = "--to-all-namespaces", arity = "0", order = 19, parameterConsumer = FilterConsumer.class,
            description = "Flows to any namespace.")
    boolean toAllNamespaces;

    @Option(names = "--ip", paramLabel = "IP", order = 20, parameterConsumer = FilterConsumer.class,
            description = "Flows from or to the address (exact, or a CIDR such as 10.0.0.0/24).")
    String ip;

    @Option(names = "--from-ip", paramLabel = "IP", order = 21, parameterConsumer = FilterConsumer.class, description = "Flows from the address.")
    String fromIp;

    @Option(names = "--to-ip", paramLabel = "IP", order = 22, parameterConsumer = FilterConsumer.class, description = "Flows to the address.")
    String toIp;

    @Option(names = "--snat-ip", paramLabel = "IP", order = 23, parameterConsumer = FilterConsumer.class, description = "Flows SNATed to the address.")
    String snatIp;

    @Option(names = {"-4", "--ipv4"}, arity = "0", order = 24, parameterConsumer = FilterConsumer.class, description = "IPv4 flows only.")
    boolean ipv4;

    @Option(names = {"-6", "--ipv6"}, arity = "0", order = 25, parameterConsumer = FilterConsumer.class, description = "IPv6 flows only.")
    boolean ipv6;

    @Option(names = "--ip-version", paramLabel = "V", order = 26, parameterConsumer = FilterConsumer.class,
            description = "IP version: v4, v6 or none (flows without IP, such as ARP).")
    String ipVersion;

    @Option(names = "--identity", paramLabel = "ID", order = 27, parameterConsumer = FilterConsumer.class,
            description = "Flows from or to the security identity (a number, or host, world, health, …).")
    String identity;

    @Option(names = "--from-identity", paramLabel = "ID", order = 28, parameterConsumer = FilterConsumer.class, description = "Flows from the identity.")
    String fromIdentity;

    @Option(names = "--to-identity", paramLabel = "ID", order = 29, parameterConsumer = FilterConsumer.class, description = "Flows to the identity.")
    String toIdentity;

    @Option(names = {"-l", "--label"}, paramLabel = "SELECTOR", order = 30, parameterConsumer = FilterConsumer.class,
            description = "Flows from or to endpoints with these labels (k=v, k, !k, k in (a,b), k8s:app=web, reserved:world).")
    String label;

    @Option(names = "--from-label", paramLabel = "SELECTOR", order = 31, parameterConsumer = FilterConsumer.class, description = "Flows from endpoints with these labels.")
    String fromLabel;

    @Option(names = "--to-label", paramLabel = "SELECTOR", order = 32, parameterConsumer = FilterConsumer.class, description = "Flows to endpoints with these labels.")
    String toLabel;

    @Option(names = "--service", paramLabel = "SVC", order = 33, parameterConsumer = FilterConsumer.class, description = "Flows from or to the service ([NS/]SVC).")
    String service;

    @Option(names = "--from-service", paramLabel = "SVC", order = 34, parameterConsumer = FilterConsumer.class, description = "Flows from the service.")
    String fromService;

    @Option(names = "--to-service", paramLabel = "SVC", order = 35, parameterConsumer = FilterConsumer.class, description = "Flows to the service.")
    String toService;

    @Option(names = "--fqdn", paramLabel = "PATTERN", order = 36, parameterConsumer = FilterConsumer.class,
            description = "Flows from or to the DNS name (* matches any part: *.cilium.io).")
    String fqdn;

    @Option(names = "--from-fqdn", paramLabel = "PATTERN", order = 37, parameterConsumer = FilterConsumer.class, description = "Flows from the DNS name.")
    String fromFqdn;

    @Option(names = "--to-fqdn", paramLabel = "PATTERN", order = 38, parameterConsumer = FilterConsumer.class, description = "Flows to the DNS name.")
    String toFqdn;

    @Option(names = "--protocol", paramLabel = "PROTO", order = 39, parameterConsumer = FilterConsumer.class,
            description = "L4/L7 protocol: tcp, udp, icmp, icmpv4, icmpv6, sctp, vrrp, igmp, dns, http, kafka.")
    String protocol;

    @Option(names = "--port", paramLabel = "PORT", order = 40, parameterConsumer = FilterConsumer.class, description = "Flows with this source or destination port.")
    String port;

    @Option(names = "--from-port", paramLabel = "PORT", order = 41, parameterConsumer = FilterConsumer.class, description = "Flows with this source port.")
    String fromPort;

    @Option(names = "--to-port", paramLabel = "PORT", order = 42, parameterConsumer = FilterConsumer.class, description = "Flows with this destination port.")
    String toPort;

    @Option(names = "--tcp-flags", paramLabel = "FLAGS", order = 43, parameterConsumer = FilterConsumer.class,
            description = "TCP flows with all these flags (syn, ack, fin, rst, psh, urg, ece, cwr, ns; comma-separated).")
    String tcpFlags;

    @Option(names = "--verdict", paramLabel = "VERDICT", order = 44, parameterConsumer = FilterConsumer.class,
            description = "FORWARDED, DROPPED, AUDIT, REDIRECTED, ERROR, TRACED or TRANSLATED.")
    String verdict;

    @Option(names = "--drop-reason-desc", paramLabel = "REASON", order = 45, parameterConsumer = FilterConsumer.class,
            description = "Drops with this reason (POLICY_DENIED, STALE_OR_UNROUTABLE_IP, …).")
    String dropReasonDesc;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", order = 46, parameterConsumer = FilterConsumer.class,
            description = "Event type TYPE[:SUBTYPE]: trace, drop, capture, l7, policy-verdict, trace-sock; trace subtypes: "
                    + "from-endpoint, from-host, from-network, from-overlay, from-proxy, from-stack, from-crypto, "
                    + "to-endpoint, to-host, to-network, to-overlay, to-proxy, to-stack, to-crypto.")
    String type;

    @Option(names = "--traffic-direction", paramLabel = "DIR", order = 47, parameterConsumer = FilterConsumer.class,
            description = "ingress or egress.")
    String trafficDirection;

    @Option(names = "--node-name", paramLabel = "PATTERN", order = 48, parameterConsumer = FilterConsumer.class,
            description = "Flows seen on matching nodes (k8s*, cluster/node).")
    String nodeName;

    @Option(names = "--node-label", paramLabel = "SELECTOR", order = 49, parameterConsumer = FilterConsumer.class,
            description = "Flows seen on nodes with these labels.")
    String nodeLabel;

    @Option(names = "--uuid", paramLabel = "UUID", order = 50, parameterConsumer = FilterConsumer.class, description = "The flow with this id.")
    String uuid;

    // ---- output ----

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 60,
            description = "compact (default), dict, json (= jsonpb: one GetFlowsResponse per line) or table.")
    String output;

    @Option(names = "--print-node-name", order = 61, description = "Print the node name.")
    boolean printNodeName;

    @Option(names = "--time-format", paramLabel = "FORMAT", order = 62, defaultValue = "StampMilli",
            description = "StampMilli (default), YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z.")
    String timeFormat;

    @Option(names = "--numeric", order = 63, description = "Addresses instead of pod and service names.")
    boolean numeric;

    @Option(names = "--color", paramLabel = "WHEN", order = 64, defaultValue = "auto",
            description = "auto (a terminal and no NO_COLOR), always or never; compact and dict only.")
    String color;

    @Option(names = "--input-file", paramLabel = "FILE", order = 70,
            description = "Replay flows from FILE (NDJSON: cil's or hubble's -o json); '-' reads stdin. No daemon needed.")
    String inputFile;

    /** For tests: the terminal check and the environment. */
    static java.util.function.BooleanSupplier stdoutIsTerminal = ObserveCommand::stdoutIsTerminal;
    static java.util.function.Function<String, String> env = System::getenv;
    static java.util.function.Supplier<java.io.InputStream> stdin = () -> System.in;
    /** For tests: where a node's daemon socket is. */
    static java.util.function.Function<String, NodePaths> nodePaths = NodePaths::of;

    @Override
    protected int execute() throws Exception {
        FlowFilter filter;
        try {
            filter = filters.build();
        } catch (IllegalArgumentException e) {
            throw CilException.usage(e.getMessage());
        }
        FlowPrinter.Format format;
        if (output != null) {
            format = FlowPrinter.Format.parse(output);
            if (format == null) throw CilException.usage("invalid output format: " + output);
        } else {
            format = global().json() ? FlowPrinter.Format.JSON : FlowPrinter.Format.COMPACT;
        }
        if (format == FlowPrinter.Format.TABLE && follow) throw CilException.usage("table output format is not compatible with follow mode");
        if (last < 0 || first < 0) throw CilException.usage("invalid argument \"" + Math.min(last, first) + "\": must be 0 or more");
        boolean useColor;
        switch (color) {
            case "always": useColor = true; break;
            case "never": useColor = false; break;
            case "auto": {
                String nc = env.apply("NO_COLOR");
                String term = env.apply("TERM");
                useColor = (nc == null || nc.isEmpty()) && !"dumb".equals(term) && stdoutIsTerminal.getAsBoolean();
                break;
            }
            default: throw CilException.usage("invalid --color value: " + color + " (auto, always, never)");
        }
        FlowRequest request;
        try {
            request = FlowRequest.fromFlags(filter, first, last, all, follow, since, until, inputFile != null, Instant.now());
        } catch (IllegalArgumentException e) {
            throw CilException.usage(e.getMessage());
        }
        FlowPrinter printer = new FlowPrinter(new FlowPrinter.Options(format, GoTime.Layout.byName(timeFormat), printNodeName,
                !numeric, useColor), out());
        try (ObserverClient client = client()) {
            FlowStream stream;
            try {
                stream = client.getFlows(request);
            } catch (IllegalArgumentException e) {
                throw CilException.usage(e.getMessage());
            }
            return pump(stream, printer);
        } finally {
            printer.close();
        }
    }

    private ObserverClient client() throws IOException {
        if (inputFile == null) {
            return new DaemonFlowsClient(nodePaths.apply(global().node()), w -> err().println("cil: warning: " + w));
        }
        Reader r;
        if (inputFile.equals("-")) {
            r = new InputStreamReader(stdin.get(), StandardCharsets.UTF_8);
        } else {
            Path p = Path.of(inputFile);
            if (Files.isDirectory(p)) throw CilException.failure("read " + inputFile + ": is a directory");
            try {
                r = new InputStreamReader(new FileInputStream(p.toFile()), StandardCharsets.UTF_8);
            } catch (FileNotFoundException e) {
                throw CilException.failure("open " + inputFile + ": " + (Files.exists(p) ? "permission denied" : "no such file or directory"));
            }
        }
        return new ReplayObserver(r, w -> err().println("cil: warning: " + inputFile + ": " + w));
    }

    /** Prints the stream until it ends; in follow mode Ctrl-C ends it cleanly (the output is flushed). */
    private int pump(FlowStream stream, FlowPrinter printer) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = null;
        if (follow) {
            hook = new Thread(() -> {
                stream.close();
                try {
                    done.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cil-observe-interrupt");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException e) {
                hook = null; // already shutting down
            }
        }
        try {
            while (true) {
                FlowsResponse r = stream.poll(0);
                if (r == null) {
                    if (stream.ended()) break;
                    printer.flush(); // nothing more right now: let a follower see what it has
                    r = stream.poll(-1);
                    if (r == null) {
                        if (stream.ended()) break;
                        continue;
                    }
                }
                printer.print(r);
            }
        } catch (java.io.UncheckedIOException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw CilException.failure("the flow stream broke: " + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
        } finally {
            stream.close();
            printer.flush();
            done.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook is running
                }
            }
        }
        return ExitCodes.OK;
    }

    /** fd 1 is a terminal when it links to a tty or pty device (no native call needed). */
    static boolean stdoutIsTerminal() {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
