package dev.cil.flow;

import java.util.List;

/** Test data of this package for tests of the commands. */
public final class FlowPrinterTestAccess {
    private FlowPrinterTestAccess() { }

    /** The seed's `--pod webpod1` sequence as flows (fixed time, node k8s-s). */
    public static List<Flow> seedSequence() { return FlowPrinterTest.seedSequence(); }
}
