#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Attach a pinned sched_cls program with tcx (BPF_LINK_CREATE) and pin the
link, which keeps it attached after this process exits; removing the link's
pin detaches it. Test helper for datapath-smoke.sh (bpftool 7.1 cannot
attach tcx). The interface is looked up in the caller's network namespace.

Usage: tcx_attach.py PROG_PIN IFNAME ingress|egress LINK_PIN
"""
import ctypes
import os
import platform
import socket
import struct
import sys

SYS_BPF = {"x86_64": 321, "aarch64": 280}[platform.machine()]
BPF_OBJ_PIN = 6
BPF_OBJ_GET = 7
BPF_LINK_CREATE = 28
BPF_TCX_INGRESS = 46
BPF_TCX_EGRESS = 47

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(attr, 128)
    ret = libc.syscall(SYS_BPF, cmd, buf, ctypes.c_uint(128))
    if ret < 0:
        err = ctypes.get_errno()
        raise OSError(err, "bpf(%d): %s" % (cmd, os.strerror(err)))
    return ret


def main():
    if len(sys.argv) != 5 or sys.argv[3] not in ("ingress", "egress"):
        sys.exit(__doc__)
    prog_pin, ifname, direction, link_pin = sys.argv[1:]
    path = ctypes.create_string_buffer(prog_pin.encode())
    prog_fd = bpf(BPF_OBJ_GET, struct.pack("<QII", ctypes.addressof(path), 0, 0))
    ifindex = socket.if_nametoindex(ifname)
    attach_type = BPF_TCX_INGRESS if direction == "ingress" else BPF_TCX_EGRESS
    # link_create: prog_fd, target_ifindex, attach_type, flags, then the tcx
    # part (relative_fd, expected_revision) left zero: append at the end.
    link_fd = bpf(BPF_LINK_CREATE, struct.pack("<IIII", prog_fd, ifindex, attach_type, 0))
    lpath = ctypes.create_string_buffer(link_pin.encode())
    bpf(BPF_OBJ_PIN, struct.pack("<QII", ctypes.addressof(lpath), link_fd, 0))
    os.close(link_fd)
    os.close(prog_fd)


if __name__ == "__main__":
    main()
