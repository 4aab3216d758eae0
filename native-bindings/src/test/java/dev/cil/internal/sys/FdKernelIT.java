package dev.cil.internal.sys;

import dev.cil.testing.KernelExtension;
import dev.cil.testing.KernelTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One owner per fd: close once, disown hands over, and the leak check sees what is left open. */
@KernelTest
class FdKernelIT {
    static int newMapFd() {
        return BpfCalls.mapCreate(BpfCalls.MapCreate.of(2, 4, 4, 1, 0, "fdtest"));
    }

    @Test
    void closeClosesOnceAndDisownHandsOver() throws Exception {
        int before = KernelExtension.kernelFds().size();
        Fd fd = new Fd(newMapFd(), "map fdtest");
        assertTrue(Files.exists(Path.of("/proc/self/fd/" + fd.raw())));
        assertEquals(before + 1, KernelExtension.kernelFds().size());
        fd.close();
        fd.close(); // idempotent
        assertFalse(fd.isOpen());
        assertThrows(IllegalStateException.class, fd::raw);
        assertEquals(before, KernelExtension.kernelFds().size());

        Fd owner = new Fd(newMapFd(), "map fdtest");
        int raw = owner.disown();
        owner.close(); // no effect: the raw fd belongs to us now
        assertTrue(Files.exists(Path.of("/proc/self/fd/" + raw)));
        Sys.get().close(raw);
        assertEquals(before, KernelExtension.kernelFds().size());
    }

    @Test
    void dupIsANewOwner() throws Exception {
        try (Fd a = new Fd(newMapFd(), "map"); Fd b = a.dup()) {
            assertTrue(a.raw() != b.raw());
            a.close();
            assertTrue(b.isOpen());
        }
    }

    @Test
    void errnoComesBackWithTheCall() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Sys.get().close(987654));
        assertEquals(9, e.errno(), "EBADF");
        NativeBuffer attr = BpfCalls.attr().putInt(0, 987654);
        ErrnoException e2 = assertThrows(ErrnoException.class, () -> BpfCalls.raw(BpfCmd.MAP_LOOKUP_ELEM, attr));
        assertEquals(9, e2.errno());
    }
}
