package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;
import dev.cil.cli.CilException;
import dev.cil.error.NotSupportedException;

import java.util.function.Supplier;

/** Turns "operation not supported" from the kernel into a sentence about the map's type. */
final class MapErrors {
    private MapErrors() { }

    static <T> T supported(BpfMap m, String op, Supplier<T> work) {
        try {
            return work.get();
        } catch (NotSupportedException e) {
            throw CilException.failure(m.describe() + ": " + MapType.nameOf(m.typeNumber()) + " maps do not support " + op
                    + " (" + e.errno().name() + ")");
        }
    }

    static void supported(BpfMap m, String op, Runnable work) {
        supported(m, op, () -> {
            work.run();
            return null;
        });
    }
}
