package dev.cil.error;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class KernelExceptionTest {
    @Test
    void messageNamesOperationObjectAndErrno() {
        KernelException e = KernelException.of("MAP_LOOKUP_ELEM on map 42", 2, null);
        assertEquals("MAP_LOOKUP_ELEM on map 42: No such file or directory (ENOENT)", e.getMessage());
        assertInstanceOf(NoSuchObjectException.class, e);
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void typedByErrnoWithHints() {
        assertInstanceOf(PermissionException.class, KernelException.of("op", 1, null));
        assertEquals("op: Operation not permitted (EPERM; need root or CAP_BPF/CAP_NET_ADMIN)", KernelException.of("op", 1, null).getMessage());
        assertInstanceOf(KeyExistsException.class, KernelException.of("op", 17, null));
        assertInstanceOf(NotSupportedException.class, KernelException.of("op", 524, null));
        assertEquals("op: Unknown error 524 (ENOTSUPP)", KernelException.of("op", 524, null).getMessage());
        assertEquals("op: Invalid argument (EINVAL; kernel too old?)", KernelException.of("op", 22, "kernel too old?").getMessage());
    }

    @Test
    void unknownErrnoNeverFails() {
        assertEquals(Errno.UNKNOWN, Errno.of(4000));
        assertEquals("E4000", Errno.name(4000));
        assertEquals("Unknown error 4000", Errno.message(4000));
        assertEquals("op: Unknown error 4000 (E4000)", new KernelException("op", 4000, null).getMessage());
    }

    @Test
    void verifierErrorKeepsTheLogAndShowsItsLastLine() {
        String log = "0: (b7) r0 = 0\n1: (95) exit\nR0 !read_ok\nprocessed 2 insns (limit 1000000)\n";
        VerifierException v = new VerifierException("PROG_LOAD on prog x", 13, log);
        assertEquals("PROG_LOAD on prog x: Permission denied (EACCES; verifier: R0 !read_ok)", v.getMessage());
        assertEquals(log, v.log());
        assertEquals("R0 !read_ok\nprocessed 2 insns (limit 1000000)\n", v.tail(2));
    }
}
