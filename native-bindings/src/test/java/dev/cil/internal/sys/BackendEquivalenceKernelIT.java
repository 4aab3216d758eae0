package dev.cil.internal.sys;

import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jffi and jnr-ffi backends give the same answers and the same errnos. */
@KernelTest
class BackendEquivalenceKernelIT {
    static String probe(String backend) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Proc.Result r = Proc.run(List.of(java, "-Dcil.native=" + backend, "-cp", System.getProperty("java.class.path"),
                BackendProbe.class.getName())).ok();
        return r.out();
    }

    @Test
    void sameConversationUnderBothBackends() {
        String jffi = probe("jffi"), jnr = probe("jnr");
        assertTrue(jffi.startsWith("backend jffi\n"), jffi);
        assertTrue(jnr.startsWith("backend jnr\n"), jnr);
        assertEquals(jffi.substring(jffi.indexOf('\n')), jnr.substring(jnr.indexOf('\n')));
        assertTrue(jffi.contains("lookup2 true 22\n") && jffi.contains("close errno 9\n"), jffi);
        assertTrue(jffi.contains("noexist MAP_UPDATE_ELEM on probe: File exists (EEXIST)\n"), jffi);
    }
}
