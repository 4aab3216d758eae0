package dev.cil.daemon;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpamTest {
    @Test
    void handsOutTheLowestFreeHostAddressOnce() {
        Ipam p = new Ipam("10.200.0.0/24");
        assertEquals(254, p.capacity());
        assertEquals("10.200.0.1", p.allocateNext("router").getHostAddress());
        assertEquals("10.200.0.2", p.allocateNext("health").getHostAddress());
        assertEquals("10.200.0.3", p.allocateNext("default/a").getHostAddress());
        p.release(Ipam.parse("10.200.0.2"));
        assertEquals("10.200.0.2", p.allocateNext("default/b").getHostAddress());
        assertEquals("default/b", p.allocations().get("10.200.0.2"));
    }

    @Test
    void neverNetworkOrBroadcastAndNeverTwice() {
        Ipam p = new Ipam("10.9.0.0/30");   // .1 and .2 only
        Set<String> seen = new HashSet<>();
        assertTrue(seen.add(p.allocateNext("a").getHostAddress()));
        assertTrue(seen.add(p.allocateNext("b").getHostAddress()));
        assertEquals(Set.of("10.9.0.1", "10.9.0.2"), seen);
        assertThrows(IllegalStateException.class, () -> p.allocateNext("c"));
        assertThrows(IllegalArgumentException.class, () -> p.allocate(Ipam.parse("10.9.0.1"), "dup"));
        assertThrows(IllegalArgumentException.class, () -> p.allocate(Ipam.parse("10.9.0.3"), "broadcast"));
        assertThrows(IllegalArgumentException.class, () -> p.allocate(Ipam.parse("10.9.0.0"), "network"));
        assertThrows(IllegalArgumentException.class, () -> p.allocate(Ipam.parse("10.9.1.1"), "outside"));
        assertFalse(p.contains(Ipam.parse("192.168.0.1")));
    }

    @Test
    void restoredAllocationsAreHonoured() {
        Ipam p = new Ipam("172.16.0.0/24");
        p.allocate(Ipam.parse("172.16.0.1"), "router");
        p.allocate(Ipam.parse("172.16.0.2"), "health");
        p.allocate(Ipam.parse("172.16.0.4"), "default/x");
        assertEquals("172.16.0.3", p.allocateNext("default/y").getHostAddress());
        assertEquals("172.16.0.5", p.allocateNext("default/z").getHostAddress());
    }

    @Test
    void highAddressesWork() {
        Ipam p = new Ipam("192.168.128.0/17");
        assertEquals("192.168.128.1", p.allocateNext("a").getHostAddress());
        assertTrue(p.contains(Ipam.parse("192.168.255.254")));
        assertFalse(p.contains(Ipam.parse("192.168.255.255")));
    }

    @Test
    void badCidrsAreRejected() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.1/24", "10.0.0.0/31", "10.0.0.0/7", "10.0.0/24", "x/24", "10.0.0.0/x",
            "256.0.0.0/24"}) {
            assertThrows(IllegalArgumentException.class, () -> new Ipam(bad), bad);
        }
        assertEquals("10.1.0.0/16", new Ipam("10.1.0.0/16").cidr());
    }
}
