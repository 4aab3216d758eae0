/**
 * Codecs for the datapath's maps (bpf-programs/include/cil_maps.h): byte layouts, and the text forms
 * cilium-dbg prints for them. Shared by the daemon, which writes the maps, and the {@code bpf} commands,
 * which read them straight from bpffs. Offsets and sizes are checked against the BTF of bpf_lxc.o by a
 * unit test. Integers are little-endian (host order) except addresses and ports (network order).
 */
package dev.cil.api.maps;
