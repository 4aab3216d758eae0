package dev.cil.bpf;

import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.NativeBuffer;
import dev.cil.internal.sys.Sys;

/**
 * Interface names by index in the calling thread's network namespace (if_indextoname: SIOCGIFNAME
 * on a datagram socket), for the link and net views.
 */
public final class Interfaces {
    private static final int AF_INET = 2, SOCK_DGRAM = 2, SIOCGIFNAME = 0x8910;

    private Interfaces() { }

    /** The device name, or null when no device has that index here. */
    public static String name(int ifindex) {
        if (ifindex == 0) return null;
        Sys sys = Sys.get();
        int fd = sys.socket(AF_INET, SOCK_DGRAM | 02000000, 0);
        try {
            NativeBuffer ifr = NativeBuffer.allocate(40).putInt(16, ifindex);
            sys.ioctl(fd, SIOCGIFNAME, ifr);
            return ifr.cString(0, 16);
        } catch (ErrnoException e) {
            return null;
        } finally {
            sys.close(fd);
        }
    }
}
