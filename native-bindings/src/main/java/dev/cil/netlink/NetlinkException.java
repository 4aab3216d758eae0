package dev.cil.netlink;

import dev.cil.error.KernelException;

import java.util.Optional;

/**
 * A netlink request failed: the kernel answered with an error (errno plus, when the kernel sent one,
 * its extended-ack text), or a message could not be parsed (errno EBADMSG). The message is one line:
 * {@code RTM_NEWLINK veth0: File exists (EEXIST; <extack text>)}.
 */
public class NetlinkException extends KernelException {
    private static final long serialVersionUID = 1L;

    /** errno used for malformed messages. */
    static final int EBADMSG = 74;

    private final int sequence;
    private final String extack;

    /** The kernel's error for request {@code sequence}; {@code extack} may be null. */
    public NetlinkException(String op, int errno, String extack, int sequence) {
        this(op, errno, blankToNull(extack), blankToNull(extack), sequence);
    }

    private NetlinkException(String op, int errno, String hint, String extack, int sequence) {
        super(op, errno, hint);
        this.sequence = sequence;
        this.extack = extack;
    }

    /** A failure on our side of the socket (no kernel reply to quote): {@code hint} says what we were doing. */
    static NetlinkException local(String op, int errno, String hint, int sequence) {
        return new NetlinkException(op, errno, hint, null, sequence);
    }

    /** A malformed message or attribute ({@code EBADMSG}); {@code detail} says where. */
    static NetlinkException malformed(String what, String detail) {
        return new NetlinkException(what, EBADMSG, detail, null, 0);
    }

    private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }

    /** The request's sequence number (0 for parse errors). */
    public int sequence() { return sequence; }

    /** The kernel's extended-ack text (NLMSGERR_ATTR_MSG), when it sent one. */
    public Optional<String> extack() { return Optional.ofNullable(extack); }
}
