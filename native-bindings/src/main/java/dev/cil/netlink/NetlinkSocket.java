package dev.cil.netlink;

import dev.cil.internal.sys.ErrnoException;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;
import dev.cil.internal.sys.Sys;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A netlink socket ({@code AF_NETLINK}, {@code SOCK_RAW}) bound to a kernel-assigned port id, speaking
 * request/reply with the kernel: each request gets a fresh sequence number; replies whose sequence
 * number or port id do not match, or that do not come from the kernel, are stale and ignored.
 * <ul>
 * <li>{@link #execute} sends a request with {@code NLM_F_ACK} and waits for the ACK;</li>
 * <li>{@link #request} does the same and returns the reply messages before the ACK (a GET);</li>
 * <li>{@link #dump} sends {@code NLM_F_DUMP} and collects the {@code NLM_F_MULTI} parts until
 *     {@code NLMSG_DONE}. A dump that the kernel marks {@code NLM_F_DUMP_INTR} (the table changed
 *     while it was read), that lost data to {@code ENOBUFS}, or whose datagram did not fit the receive
 *     buffer (which then grows) is restarted, up to {@value #MAX_DUMP_ATTEMPTS} times.</li>
 * </ul>
 * An error reply becomes a {@link NetlinkException} carrying the errno and the kernel's extended-ack
 * text ({@code NETLINK_EXT_ACK} is enabled). The socket belongs to the network namespace of the thread
 * that opened it, and can then be used from any thread; calls are serialized.
 */
public final class NetlinkSocket implements AutoCloseable {
    public static final int NETLINK_ROUTE = 0, NETLINK_GENERIC = 16;

    static final int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1, SO_RCVTIMEO = 20, SO_SNDBUF = 7, SO_RCVBUF = 8;
    static final int SOL_NETLINK = 270, NETLINK_CAP_ACK = 10, NETLINK_EXT_ACK = 11;
    static final int MSG_TRUNC = 0x20;
    static final int EINTR = 4, EAGAIN = 11, ENOBUFS = 105, EMSGSIZE = 90;

    static final int MAX_DUMP_ATTEMPTS = 5;
    static final int INITIAL_RX = 64 * 1024;
    static final int RECV_TIMEOUT_SECONDS = 30;

    private final Sys sys;
    private final Fd fd;
    private final int protocol;
    private final int portId;
    private final NativeBuffer sender = NativeBuffer.allocate(12);
    private NativeBuffer rx = NativeBuffer.allocate(INITIAL_RX);
    private NativeBuffer tx = NativeBuffer.allocate(4096);
    private int seq;

    private NetlinkSocket(Sys sys, Fd fd, int protocol, int portId) {
        this.sys = sys;
        this.fd = fd;
        this.protocol = protocol;
        this.portId = portId;
        this.seq = (int) (System.nanoTime() >>> 10) & 0x3fffffff;
    }

    /** A route socket ({@code NETLINK_ROUTE}) in the calling thread's network namespace. */
    public static NetlinkSocket openRoute() { return open(NETLINK_ROUTE); }

    /**
     * A socket of netlink protocol {@code protocol} in the calling thread's network namespace.
     * @throws NetlinkException when the socket cannot be created or bound
     */
    public static NetlinkSocket open(int protocol) {
        Sys sys = Sys.get();
        Fd fd;
        try {
            fd = new Fd(sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol), "netlink socket");
        } catch (ErrnoException e) {
            throw NetlinkException.local("socket(AF_NETLINK, " + protocol + ")", e.errno(), null, 0);
        }
        try {
            try {
                sys.setsockopt(fd.raw(), SOL_NETLINK, NETLINK_EXT_ACK, 1);
                sys.setsockopt(fd.raw(), SOL_NETLINK, NETLINK_CAP_ACK, 1);
            } catch (ErrnoException ignored) {
                // old kernel: errors come without text, the request is echoed
            }
            sys.setsockopt(fd.raw(), SOL_SOCKET, SO_SNDBUF, 32768);
            sys.setsockopt(fd.raw(), SOL_SOCKET, SO_RCVBUF, 1 << 20);
            sys.setsockopt(fd.raw(), SOL_SOCKET, SO_RCVTIMEO,
                    NativeBuffer.allocate(16).putLong(0, RECV_TIMEOUT_SECONDS).putLong(8, 0));
            NativeBuffer sa = NativeBuffer.allocate(12).putShort(0, (short) AF_NETLINK);
            sys.bind(fd.raw(), sa);
            NativeBuffer bound = NativeBuffer.allocate(12);
            sys.getsockname(fd.raw(), bound);
            return new NetlinkSocket(sys, fd, protocol, bound.getInt(4));
        } catch (ErrnoException e) {
            fd.close();
            throw NetlinkException.local("bind netlink socket", e.errno(), null, 0);
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** The port id the kernel assigned at bind. */
    public int portId() { return portId; }

    public int protocol() { return protocol; }

    public boolean isOpen() { return fd.isOpen(); }

    /**
     * Sends {@code req} with {@code NLM_F_ACK} and waits for the kernel's ACK.
     * @param op names the operation and object in errors, e.g. {@code RTM_NEWLINK veth0}
     * @throws NetlinkException with the kernel's errno and extended-ack text
     */
    public synchronized void execute(NlMsg req, String op) {
        transact(req, op, false, null);
    }

    /** Sends {@code req} with {@code NLM_F_ACK}; returns the replies that came before the ACK. */
    public synchronized List<NlMessage> request(NlMsg req, String op) {
        List<NlMessage> out = new ArrayList<>();
        transact(req, op, false, out::add);
        return out;
    }

    /**
     * Sends {@code req} with {@code NLM_F_DUMP} and returns every part of the multipart reply, from a
     * dump that the kernel did not mark as interrupted.
     */
    public synchronized List<NlMessage> dump(NlMsg req, String op) {
        List<NlMessage> out = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            out.clear();
            Outcome o = transact(req, op, true, out::add);
            if (o == Outcome.COMPLETE) return out;
            if (attempt >= MAX_DUMP_ATTEMPTS) {
                int errno = o == Outcome.OVERRUN ? ENOBUFS : EINTR;
                throw NetlinkException.local(op, errno, "dump " + (o == Outcome.OVERRUN ? "overran the socket buffer"
                        : "interrupted by concurrent changes") + " " + attempt + " times", seq);
            }
        }
    }

    enum Outcome { COMPLETE, INTERRUPTED, OVERRUN }

    private int nextSeq() {
        seq = (seq + 1) & 0x7fffffff;
        if (seq == 0) seq = 1;
        return seq;
    }

    private Outcome transact(NlMsg req, String op, boolean dump, Consumer<NlMessage> sink) {
        int s = nextSeq();
        byte[] bytes = req.toBytes(s, portId, dump ? NlMsg.NLM_F_DUMP : NlMsg.NLM_F_ACK);
        send(bytes, op, s);
        boolean interrupted = false;
        while (true) {
            int n;
            try {
                n = sys.recvmsg(fd.raw(), rx, 0, rx.size(), MSG_TRUNC, sender);
            } catch (ErrnoException e) {
                if (e.errno() == EINTR) continue;
                if (e.errno() == ENOBUFS && dump) return Outcome.OVERRUN;
                if (e.errno() == EAGAIN) {
                    throw NetlinkException.local(op, e.errno(), "no reply from the kernel within " + RECV_TIMEOUT_SECONDS + " s", s);
                }
                throw NetlinkException.local(op, e.errno(), "receiving the reply", s);
            }
            if (n > rx.size()) {
                // the datagram was cut: grow for next time; a dump can be restarted, anything else is an error
                rx = NativeBuffer.allocate(Integer.highestOneBit(n) << 1);
                if (dump) return Outcome.OVERRUN;
                throw NetlinkException.local(op, EMSGSIZE, "reply of " + n + " bytes was truncated", s);
            }
            if (sender.getInt(4) != 0) continue; // not from the kernel
            for (NlMessage m : NlMessage.parseAll(rx.bytes(0, n), n)) {
                if (m.seq() != s || m.pid() != portId) continue; // stale or not ours
                if ((m.flags() & NlMsg.NLM_F_DUMP_INTR) != 0) interrupted = true;
                switch (m.type()) {
                    case NlMsg.NLMSG_NOOP:
                        continue;
                    case NlMsg.NLMSG_ERROR: {
                        NlError e = NlError.ofError(m);
                        if (e.errno() != 0) throw new NetlinkException(op, e.errno(), e.extack(), s);
                        return interrupted ? Outcome.INTERRUPTED : Outcome.COMPLETE;
                    }
                    case NlMsg.NLMSG_DONE: {
                        NlError e = NlError.ofDone(m);
                        if (e.errno() != 0) throw new NetlinkException(op, e.errno(), e.extack(), s);
                        if (dump) return interrupted ? Outcome.INTERRUPTED : Outcome.COMPLETE;
                        continue;
                    }
                    case NlMsg.NLMSG_OVERRUN:
                        if (dump) return Outcome.OVERRUN;
                        throw NetlinkException.local(op, ENOBUFS, "overrun", s);
                    default:
                        if (sink != null) sink.accept(m);
                }
            }
        }
    }

    private void send(byte[] bytes, String op, int s) {
        if (bytes.length > tx.size()) tx = NativeBuffer.allocate(Integer.highestOneBit(bytes.length) << 1);
        tx.put(0, bytes);
        try {
            while (true) {
                try {
                    int w = sys.send(fd.raw(), tx, bytes.length, 0);
                    if (w != bytes.length) throw NetlinkException.local(op, EMSGSIZE, "sent " + w + " of " + bytes.length + " bytes", s);
                    return;
                } catch (ErrnoException e) {
                    if (e.errno() != EINTR) throw NetlinkException.local(op, e.errno(), "sending the request", s);
                }
            }
        } finally {
            tx.keepAlive();
        }
    }

    @Override
    public void close() { fd.close(); }

    @Override
    public String toString() { return "NetlinkSocket(protocol " + protocol + ", port " + Integer.toUnsignedString(portId) + ")"; }
}
