package dev.cil.api.maps;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/** {@code cilium_node_cfg}: the node's settings for the datapath (array, key u32 0, value {@code node_config} 24 B). */
public final class NodeConfigMap {
    private NodeConfigMap() { }

    public static final String NAME = "cilium_node_cfg";
    public static final int KEY_SIZE = 4, VALUE_SIZE = 24;
    public static final int ROUTER_IP = 0, POD_CIDR = 4, POD_CIDR_MASK = 8, HOST_IFINDEX = 12, HOST_EP_ID = 16,
            MONITOR_AGGREGATION = 18, FLAGS = 19, RESERVED = 20;
    /** Monitor aggregation levels (Cilium's option); medium is Cilium's default. */
    public static final int AGG_NONE = 0, AGG_LOWEST = 1, AGG_LOW = 2, AGG_MEDIUM = 3, AGG_MAXIMUM = 4;

    public static byte[] key() { return new byte[KEY_SIZE]; }

    public record Config(Inet4Address routerIp, Inet4Address podCidr, int podCidrBits, int hostIfindex, int hostEndpointId,
                         int monitorAggregation) {
        public byte[] encode() {
            byte[] b = new byte[VALUE_SIZE];
            ByteBuffer w = Bytes.le(b);
            Bytes.putIp4(w, ROUTER_IP, routerIp);
            Bytes.putIp4(w, POD_CIDR, podCidr);
            int mask = podCidrBits == 0 ? 0 : -1 << (32 - podCidrBits);
            w.put(POD_CIDR_MASK, (byte) (mask >>> 24)).put(POD_CIDR_MASK + 1, (byte) (mask >>> 16))
                    .put(POD_CIDR_MASK + 2, (byte) (mask >>> 8)).put(POD_CIDR_MASK + 3, (byte) mask);
            w.putInt(HOST_IFINDEX, hostIfindex);
            w.putShort(HOST_EP_ID, (short) hostEndpointId);
            w.put(MONITOR_AGGREGATION, (byte) monitorAggregation);
            return b;
        }

        public static Config decode(byte[] b) {
            ByteBuffer v = Bytes.le(b);
            int mask = ((b[POD_CIDR_MASK] & 0xff) << 24) | ((b[POD_CIDR_MASK + 1] & 0xff) << 16)
                    | ((b[POD_CIDR_MASK + 2] & 0xff) << 8) | (b[POD_CIDR_MASK + 3] & 0xff);
            return new Config(Bytes.ip4(v, ROUTER_IP), Bytes.ip4(v, POD_CIDR), Integer.bitCount(mask), v.getInt(HOST_IFINDEX),
                    v.getShort(HOST_EP_ID) & 0xffff, v.get(MONITOR_AGGREGATION) & 0xff);
        }
    }
}
