package dev.cil.cli.command.daemon;

import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.daemon.DaemonMain;

/** {@link DaemonMain.Failure} as a command failure: exit 3 for a missing precondition, else 1. */
final class Failures {
    private Failures() { }

    static CilException of(DaemonMain.Failure f) {
        return new CilException(f.getMessage(), f.precondition() ? ExitCodes.PRECONDITION : ExitCodes.FAILURE, f);
    }
}
