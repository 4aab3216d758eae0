package dev.cil.flow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Cilium's two drop reason tables (drop.go descriptions, flow.proto names) and the other numberings. */
class ReasonTablesTest {
    @Test
    void bothDropTablesCoverTheWholeRange() {
        for (int r = 130; r <= 205; r++) {
            if (r == 159) {
                assertNull(MonitorApi.reasonDescription(r), "159 is in neither table");
                assertNull(ProtoEnum.DROP_REASON.name(r));
                continue;
            }
            assertNotNull(MonitorApi.reasonDescription(r), "description of " + r);
            assertNotNull(ProtoEnum.DROP_REASON.name(r), "enum name of " + r);
        }
        assertEquals("DROP_REASON_UNKNOWN", ProtoEnum.DROP_REASON.name(0));
    }

    @Test
    void theTablesDiffer() {
        assertEquals("Fragmentation needed", MonitorApi.dropReason(136));
        assertEquals("CT_MISSING_TCP_ACK_FLAG", ProtoEnum.DROP_REASON.name(136));
        assertEquals("Stale or unroutable IP", MonitorApi.dropReason(151));
        assertEquals("STALE_OR_UNROUTABLE_IP", ProtoEnum.DROP_REASON.name(151));
        assertEquals("Policy denied", MonitorApi.dropReason(133));
        assertEquals("POLICY_DENIED", ProtoEnum.DROP_REASON.name(133));
        assertEquals("Invalid packet", MonitorApi.dropReason(134));
        assertEquals("INVALID_PACKET_DROPPED", ProtoEnum.DROP_REASON.name(134));
        assertEquals("Punt to proxy", MonitorApi.dropReason(205));
        assertEquals("DROP_PUNT_PROXY", ProtoEnum.DROP_REASON.name(205));
        assertEquals("Policy denied, -3", MonitorApi.dropReason(133, -3));
        assertEquals("159, 0", MonitorApi.dropReason(159));
        assertEquals("Interface", MonitorApi.dropReason(3), "a forward reason");
    }

    @Test
    void observationPointsHaveThreeNumberings() {
        assertEquals("to-endpoint", MonitorApi.observationPoint(0));
        assertEquals("TO_ENDPOINT", ProtoEnum.TRACE_OBSERVATION_POINT.name(101));
        assertEquals("UNKNOWN_POINT", ProtoEnum.TRACE_OBSERVATION_POINT.name(0));
        for (int i = 1; i <= 13; i++) {
            String monitor = MonitorApi.observationPoint(i);
            assertEquals(monitor.toUpperCase().replace('-', '_').replace("ENDPOINT", "ENDPOINT"),
                    ProtoEnum.TRACE_OBSERVATION_POINT.name(i), "point " + i);
        }
        assertEquals("14", MonitorApi.observationPoint(14));
        assertEquals(11, MonitorApi.observationPointNumber("to-network"));
    }

    @Test
    void reservedIdentitiesAndFiles() {
        assertEquals("world", ReservedIdentity.name(2));
        assertEquals("unknown", ReservedIdentity.name(0));
        assertNull(ReservedIdentity.name(11), "hubble prints (ID:11)");
        assertEquals(7, ReservedIdentity.byName("kube-apiserver"));
        assertEquals(-1, ReservedIdentity.byName("unknown"));
        assertEquals("bpf_lxc.c", MonitorApi.bpfFileName(2));
        assertEquals("unknown(99)", MonitorApi.bpfFileName(99));
        assertEquals("reply", MonitorApi.traceReason(2));
        assertEquals("reply", MonitorApi.traceReason(0x82), "the encrypt bit is not part of the reason");
        assertEquals("200", MonitorApi.traceReason(200));
    }
}
