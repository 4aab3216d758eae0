package dev.cil.cli.command.endpoint;

import dev.cil.api.NodePaths;
import dev.cil.cli.CilException;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.netns.NetNs;
import dev.cil.netns.NetNsNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code cil endpoint exec NAME -- CMD…}: runs a command in the pod's network namespace (the mount
 * namespace stays the caller's, so pins under /sys/fs/bpf stay visible), as kubectl exec. Works without
 * the daemon: the namespace's name follows from the node, namespace and pod names.
 */
@Command(name = "exec",
        description = {"Run a command inside a pod's network namespace (as kubectl exec); exits with the command's status.",
                "The command sees HOSTNAME=NAME, CIL_NODE and CIL_ENDPOINT=NS/NAME. Output passes through cil unless"
                + " --tty connects the command to this terminal directly."},
        footer = {"%nExamples:", "  cil endpoint exec netpod -- ping -c 3 10.200.0.3",
                "  cil endpoint exec webpod1 -- cil whoami --port 80",
                "  cil endpoint exec -t netpod -- bash"})
public final class EndpointExecCommand extends LeafCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The pod.")
    String name;

    @Parameters(index = "1..*", paramLabel = "CMD", arity = "1..*", description = "The command and its arguments (after --).")
    List<String> command;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "The pod's namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-t", "--tty"}, description = "Connect the command to this terminal (stdin, stdout, stderr), for interactive programs.")
    boolean tty;

    @Override
    protected int execute() throws Exception {
        NodePaths p = Agent.paths(global());
        String netns = p.podNetns(namespace, name);
        NetNs ns;
        try {
            ns = NetNs.open(netns);
        } catch (NetNsNotFoundException e) {
            throw CilException.failure("no pod " + namespace + "/" + name + " on node " + p.node() + " (no network namespace " + netns + ")");
        } catch (IllegalArgumentException e) {
            throw CilException.usage(e.getMessage());
        }
        try (ns) {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("HOSTNAME", name);
            pb.environment().put("CIL_NODE", p.node());
            pb.environment().put("CIL_ENDPOINT", namespace + "/" + name);
            if (tty) pb.inheritIO();
            else pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            Process proc;
            try {
                proc = ns.start(pb);
            } catch (IOException e) {
                throw CilException.failure("cannot run " + command.get(0) + " in " + netns + ": " + e.getMessage());
            }
            if (!tty) {
                Thread errCopy = copy(proc.getErrorStream(), err());
                copy(proc.getInputStream(), out()).join();
                errCopy.join();
            }
            return proc.waitFor();
        }
    }

    private static Thread copy(InputStream in, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) > 0) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the process closed its end
            }
        }, "exec-copy");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
