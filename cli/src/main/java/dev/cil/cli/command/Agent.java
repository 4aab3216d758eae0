package dev.cil.cli.command;

import dev.cil.api.NodePaths;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.GlobalOptions;
import dev.cil.client.ApiErrorException;
import dev.cil.client.DaemonClient;
import dev.cil.client.DaemonUnreachableException;

import java.util.function.Function;

/**
 * What the agent-facing commands share: a client for the node chosen with {@code -N}, and the
 * translation of the daemon's answers into cil's exit codes (unreachable daemon: 3 with the socket and
 * how to start it; 400: 2; 403: 3; 404, 409, 5xx: 1).
 */
public final class Agent {
    private Agent() { }

    public static NodePaths paths(GlobalOptions g) { return NodePaths.of(g.node()); }

    /** Runs {@code call} with a client for the node's daemon and closes it. */
    public static <T> T call(GlobalOptions g, Function<DaemonClient, T> call) {
        try (DaemonClient c = DaemonClient.of(paths(g))) {
            return call.apply(c);
        } catch (DaemonUnreachableException e) {
            throw CilException.precondition(e.getMessage());
        } catch (ApiErrorException e) {
            throw new CilException(e.getMessage(), exitCode(e.status()), e);
        }
    }

    static int exitCode(int status) {
        if (status == 400 || status == 405 || status == 413) return ExitCodes.USAGE;
        if (status == 403) return ExitCodes.PRECONDITION;
        return ExitCodes.FAILURE;
    }
}
