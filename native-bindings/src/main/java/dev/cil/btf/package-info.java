/**
 * BTF, read and written in pure Java (no syscalls).
 *
 * <ul>
 *   <li>{@link dev.cil.btf.BtfSpec}: a parsed, validated BTF blob (standalone or split over a
 *       base such as vmlinux), its {@link dev.cil.btf.BtfType} records, lookups, sizes, and
 *       byte-exact re-encoding for BPF_BTF_LOAD.</li>
 *   <li>{@link dev.cil.btf.BtfRawDump} and {@link dev.cil.btf.BtfCDump}: bpftool's
 *       {@code btf dump} in raw text, JSON and C.</li>
 *   <li>{@link dev.cil.btf.BtfExt}: the {@code .BTF.ext} section (function, line and CO-RE
 *       relocation records); {@link dev.cil.btf.CoreRelocator} resolves and applies CO-RE
 *       relocations against a target kernel's BTF.</li>
 *   <li>{@link dev.cil.btf.BtfValueFormatter}: map keys and values formatted as bpftool does,
 *       through a {@link dev.cil.btf.BtfJsonSink}; {@link dev.cil.btf.BpftoolJsonWriter} writes
 *       bpftool's exact compact and pretty JSON.</li>
 * </ul>
 *
 * Malformed input is a {@link dev.cil.btf.BtfException} with a one-line message.
 */
package dev.cil.btf;
