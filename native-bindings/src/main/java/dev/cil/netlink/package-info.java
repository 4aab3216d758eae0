/**
 * rtnetlink in Java over the syscall seam, without iproute2 at run time.
 *
 * <p>{@link dev.cil.netlink.NetlinkSocket} speaks the protocol (sequence numbers, ACKs with extended
 * ack, multipart dumps); {@link dev.cil.netlink.NlMsg} and {@link dev.cil.netlink.NlAttrs} are the
 * byte codecs; {@link dev.cil.netlink.Rtnl} is the client for links, addresses, routes, neighbours,
 * XDP and tc, returning plain records ({@link dev.cil.netlink.Link}, {@link dev.cil.netlink.Address},
 * {@link dev.cil.netlink.Route}, {@link dev.cil.netlink.Neighbour}, {@link dev.cil.netlink.TcFilter}).
 * Errors are {@link dev.cil.netlink.NetlinkException}s. This package does not use {@code dev.cil.bpf}:
 * program fds come in as {@link dev.cil.internal.sys.Fd}.
 */
package dev.cil.netlink;
