package dev.cil.internal.sys;

/**
 * System call numbers per architecture. Only little-endian Linux is supported (x86_64, aarch64).
 * The generic table (aarch64) lacks the legacy calls; we only use calls both tables have.
 */
public enum SyscallTable {
    X86_64(321, 3, 11, 41, 49, 44, 45, 46, 47, 54, 55, 16, 308, 272, 165, 166, 257, 291, 233, 232, 281, 107, 39, 186, 290, 72, 0, 1, 271, 228, 51),
    AARCH64(280, 57, 215, 198, 200, 206, 207, 211, 212, 208, 209, 29, 268, 97, 40, 39, 56, 20, 21, -1, 22, 175, 172, 178, 19, 25, 63, 64, 73, 113, 204);

    public final int bpf, close, munmap, socket, bind, sendto, recvfrom, sendmsg, recvmsg, setsockopt, getsockopt,
            ioctl, setns, unshare, mount, umount2, openat, epollCreate1, epollCtl, epollWaitLegacy, epollPwait,
            geteuid, getpid, gettid, eventfd2, fcntl, read, write, ppoll, clockGettime, getsockname;

    SyscallTable(int bpf, int close, int munmap, int socket, int bind, int sendto, int recvfrom, int sendmsg,
                 int recvmsg, int setsockopt, int getsockopt, int ioctl, int setns, int unshare, int mount,
                 int umount2, int openat, int epollCreate1, int epollCtl, int epollWaitLegacy, int epollPwait,
                 int geteuid, int getpid, int gettid, int eventfd2, int fcntl, int read, int write, int ppoll,
                 int clockGettime, int getsockname) {
        this.bpf = bpf; this.close = close; this.munmap = munmap; this.socket = socket; this.bind = bind;
        this.sendto = sendto; this.recvfrom = recvfrom; this.sendmsg = sendmsg; this.recvmsg = recvmsg;
        this.setsockopt = setsockopt; this.getsockopt = getsockopt; this.ioctl = ioctl; this.setns = setns;
        this.unshare = unshare; this.mount = mount; this.umount2 = umount2; this.openat = openat;
        this.epollCreate1 = epollCreate1; this.epollCtl = epollCtl; this.epollWaitLegacy = epollWaitLegacy;
        this.epollPwait = epollPwait; this.geteuid = geteuid; this.getpid = getpid; this.gettid = gettid;
        this.eventfd2 = eventfd2; this.fcntl = fcntl; this.read = read; this.write = write; this.ppoll = ppoll;
        this.clockGettime = clockGettime;
        this.getsockname = getsockname;
    }

    public static SyscallTable current() {
        String arch = System.getProperty("os.arch", "");
        switch (arch) {
            case "amd64": case "x86_64": return X86_64;
            case "aarch64": case "arm64": return AARCH64;
            default: throw new UnsupportedOperationException("cil supports x86_64 and aarch64 Linux, not " + arch);
        }
    }
}
