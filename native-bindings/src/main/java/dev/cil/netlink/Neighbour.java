package dev.cil.netlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A neighbour (ARP) entry: IP to link-layer address on a device.
 *
 * @param ifindex the device
 * @param family  2 (AF_INET)
 * @param ip      NDA_DST
 * @param mac     NDA_LLADDR, absent for incomplete or failed entries
 * @param state   NUD_* bits (0x80 permanent, 0x02 reachable, 0x40 noarp, ...)
 * @param flags   NTF_* flags
 */
public record Neighbour(int ifindex, int family, InetAddress ip, Optional<String> mac, int state, int flags) {
    public static final int NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04, NUD_DELAY = 0x08,
            NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80;

    private static final int[] STATES = {NUD_INCOMPLETE, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE, NUD_FAILED,
            NUD_NOARP, NUD_PERMANENT};
    private static final String[] NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT"};

    public boolean isPermanent() { return (state & NUD_PERMANENT) != 0; }

    /** The state bits as iproute2 names them ({@code PERMANENT}, {@code REACHABLE}, ...; {@code NONE} for 0). */
    public List<String> stateNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < STATES.length; i++) if ((state & STATES[i]) != 0) out.add(NAMES[i]);
        if (out.isEmpty()) out.add("NONE");
        return out;
    }
}
