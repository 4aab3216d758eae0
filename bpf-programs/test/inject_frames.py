#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Send one hand-made Ethernet frame out of an interface (AF_PACKET), to
exercise the datapath's validation. Test helper for datapath-smoke.sh; run
it inside the pod's network namespace.

Usage: inject_frames.py IFACE SRC_MAC DST_MAC SRC_IP DST_IP KIND
KIND: ipv6        an IPv6 frame (ethertype 0x86dd)
      bad-ihl     IPv4 header with IHL 4
      short-tcp   IPv4 header announcing TCP, without TCP header
      frag-udp    first fragment (MF set) of a UDP datagram
"""
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, ihl=5, frag=0):
    hdr = struct.pack("!BBHHHBBH4s4s", (4 << 4) | ihl, 0, 20 + len(payload),
                      0x1234, frag, 64, proto, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    iface, smac, dmac, sip, dip, kind = sys.argv[1:]
    mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
    eth = lambda etype: mac(dmac) + mac(smac) + struct.pack("!H", etype)
    if kind == "ipv6":
        # version 6, next header 59 (none), hop limit 64, ::1 -> ::2
        frame = eth(0x86DD) + struct.pack("!IHBB", 6 << 28, 0, 59, 64) \
            + b"\0" * 15 + b"\1" + b"\0" * 15 + b"\2"
    elif kind == "bad-ihl":
        frame = eth(0x0800) + ipv4(sip, dip, 17, b"\0" * 8, ihl=4)
    elif kind == "short-tcp":
        frame = eth(0x0800) + ipv4(sip, dip, 6, b"")
    elif kind == "frag-udp":
        udp = struct.pack("!HHHH", 40000, 9, 8 + 16, 0) + b"x" * 16
        frame = eth(0x0800) + ipv4(sip, dip, 17, udp, frag=0x2000)
    else:
        sys.exit("unknown kind " + kind)
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((iface, 0))
        s.send(frame)


if __name__ == "__main__":
    main()
