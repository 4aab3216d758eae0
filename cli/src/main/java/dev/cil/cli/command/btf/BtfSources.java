package dev.cil.cli.command.btf;

import dev.cil.bpf.Btf;
import dev.cil.bpf.BtfId;
import dev.cil.bpf.BtfInfo;
import dev.cil.btf.BtfException;
import dev.cil.btf.BtfSpec;
import dev.cil.cli.CilException;
import dev.cil.error.NoSuchObjectException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where BTF comes from: a kernel object by id (module BTF split over vmlinux), or a file. */
final class BtfSources {
    private BtfSources() { }

    private static BtfSpec vmlinux;

    static BtfSpec vmlinux() {
        if (vmlinux == null) vmlinux = BtfSpec.vmlinux();
        return vmlinux;
    }

    /** The BTF object {@code id}; kernel module BTF is parsed over the running kernel's vmlinux, as bpftool does. */
    static BtfSpec byId(int id) {
        try (Btf btf = Btf.openById(new BtfId(id))) {
            BtfInfo info = btf.info();
            byte[] blob = btf.bytes();
            boolean module = info.kernel() && !"vmlinux".equals(info.name());
            return parse(blob, module ? vmlinux() : null, "BTF object " + id);
        } catch (NoSuchObjectException e) {
            throw CilException.failure("no BTF object with id " + Integer.toUnsignedString(id));
        }
    }

    /**
     * A raw BTF file or an ELF object's {@code .BTF} section. Files under {@code /sys/kernel/btf/} other
     * than vmlinux are split BTF over vmlinux.
     */
    static BtfSpec file(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) throw CilException.failure("no such file: " + path);
        byte[] blob;
        try {
            blob = Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw CilException.failure("cannot read " + path + ": " + e.getMessage());
        }
        if (blob.length >= 4 && blob[0] == 0x7f && blob[1] == 'E' && blob[2] == 'L' && blob[3] == 'F') {
            blob = ElfBtf.section(blob, path);
        }
        boolean split = path.startsWith("/sys/kernel/btf/") && !path.equals(BtfSpec.VMLINUX.toString());
        return parse(blob, split ? vmlinux() : null, path);
    }

    private static BtfSpec parse(byte[] blob, BtfSpec base, String what) {
        try {
            return BtfSpec.parse(blob, base);
        } catch (BtfException e) {
            throw CilException.failure("bad BTF in " + what + ": " + e.getMessage());
        }
    }
}
