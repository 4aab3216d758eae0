#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Drain the pinned cilium_events ring buffer and print one JSON object per
record, decoded with the layout of include/cil_events.h.

Usage: ringbuf_dump.py PINNED_RINGBUF_PATH

Test helper for datapath-smoke.sh (bpftool 7.1 cannot read ring buffers).
It consumes what it reads: a second run only shows newer records.
Talks to the kernel directly: bpf(BPF_OBJ_GET), bpf(BPF_OBJ_GET_INFO_BY_FD)
and mmap of the ring buffer's consumer, producer and data pages.
"""
import ctypes
import json
import mmap
import os
import platform
import struct
import sys

SYS_BPF = {"x86_64": 321, "aarch64": 280}[platform.machine()]
BPF_OBJ_GET = 7
BPF_OBJ_GET_INFO_BY_FD = 15
BPF_MAP_TYPE_RINGBUF = 27
RINGBUF_BUSY_BIT = 1 << 31
RINGBUF_DISCARD_BIT = 1 << 30
RINGBUF_HDR_SZ = 8

META = struct.Struct("<QII")                 # cil_event_meta, 16 B
HDR = struct.Struct("<BBHIIHH")              # notify_capture_hdr, 16 B
TRACE = struct.Struct("<IIHBBI16s")          # trace_notify after the header, 32 B
DROP = struct.Struct("<IIIHBbI")             # drop_notify after the header, 20 B

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(attr, 128)
    ret = libc.syscall(SYS_BPF, cmd, buf, ctypes.c_uint(128))
    if ret < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return ret, buf


def obj_get(path):
    cpath = ctypes.create_string_buffer(path.encode())
    fd, _ = bpf(BPF_OBJ_GET, struct.pack("<QII", ctypes.addressof(cpath), 0, 0))
    return fd


def map_info(fd):
    info = ctypes.create_string_buffer(96)
    bpf(BPF_OBJ_GET_INFO_BY_FD,
        struct.pack("<IIQ", fd, ctypes.sizeof(info), ctypes.addressof(info)))
    map_type, map_id, key_size, value_size, max_entries = struct.unpack_from("<IIIII", info.raw)
    return map_type, max_entries


def ip4(raw):
    return ".".join(str(b) for b in raw[:4])


def decode(rec):
    ktime, cpu, msg_len = META.unpack_from(rec, 0)
    msg = rec[META.size:META.size + msg_len]
    mtype, subtype, source, hsh, len_orig, len_cap, version = HDR.unpack_from(msg, 0)
    out = {"ktime_ns": ktime, "cpu": cpu, "msg_len": msg_len, "type": mtype,
           "subtype": subtype, "source": source, "hash": hsh,
           "len_orig": len_orig, "len_cap": len_cap, "version": version}
    if mtype == 4:
        src, dst, dst_id, reason, flags, ifindex, orig = TRACE.unpack_from(msg, HDR.size)
        out.update(src_label=src, dst_label=dst, dst_id=dst_id, reason=reason,
                   flags=flags, ifindex=ifindex, orig_ip4=ip4(orig))
        fixed = HDR.size + TRACE.size
    elif mtype == 1:
        src, dst, dst_id, line, file_id, ext_err, ifindex = DROP.unpack_from(msg, HDR.size)
        out.update(src_label=src, dst_label=dst, dst_id=dst_id, line=line,
                   file=file_id, ext_error=ext_err, ifindex=ifindex)
        fixed = HDR.size + DROP.size
    else:
        fixed = HDR.size
    pkt = msg[fixed:fixed + len_cap]
    out["data_len"] = len(pkt)
    # IPv4 summary of the captured frame (Ethernet + IPv4 header)
    if len(pkt) >= 34 and pkt[12:14] == b"\x08\x00":
        out["ip_proto"] = pkt[23]
        out["ip_ttl"] = pkt[22]
        out["saddr"] = ip4(pkt[26:30])
        out["daddr"] = ip4(pkt[30:34])
        ihl = (pkt[14] & 0x0F) * 4
        l4 = 14 + ihl
        if pkt[23] in (6, 17) and len(pkt) >= l4 + 4:
            out["sport"], out["dport"] = struct.unpack_from(">HH", pkt, l4)
        if pkt[23] == 6 and len(pkt) >= l4 + 14:
            out["tcp_flags"] = pkt[l4 + 13]
        if pkt[23] == 1 and len(pkt) >= l4 + 1:
            out["icmp_type"] = pkt[l4]
    elif len(pkt) >= 14:
        out["ethertype"] = struct.unpack_from(">H", pkt, 12)[0]
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ringbuf_dump.py PINNED_RINGBUF_PATH")
    fd = obj_get(sys.argv[1])
    map_type, size = map_info(fd)
    if map_type != BPF_MAP_TYPE_RINGBUF:
        sys.exit("%s: not a ring buffer (map type %d)" % (sys.argv[1], map_type))
    page = mmap.PAGESIZE
    cons_map = mmap.mmap(fd, page, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE, offset=0)
    prod_map = mmap.mmap(fd, page + 2 * size, mmap.MAP_SHARED, mmap.PROT_READ, offset=page)
    try:
        cons = struct.unpack_from("<Q", cons_map, 0)[0]
        prod = struct.unpack_from("<Q", prod_map, 0)[0]
        mask = size - 1
        while cons < prod:
            off = page + (cons & mask)
            length, _pg = struct.unpack_from("<II", prod_map, off)
            if length & RINGBUF_BUSY_BIT:
                break
            discarded = length & RINGBUF_DISCARD_BIT
            length &= ~(RINGBUF_BUSY_BIT | RINGBUF_DISCARD_BIT)
            if not discarded:
                rec = prod_map[off + RINGBUF_HDR_SZ:off + RINGBUF_HDR_SZ + length]
                print(json.dumps(decode(rec)))
            cons += (length + RINGBUF_HDR_SZ + 7) & ~7
        struct.pack_into("<Q", cons_map, 0, cons)
    finally:
        cons_map.close()
        prod_map.close()
        os.close(fd)


if __name__ == "__main__":
    main()
