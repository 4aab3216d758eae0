package dev.cil.cli.command.prog;

import dev.cil.bpf.Btf;
import dev.cil.bpf.BtfId;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.ProgramInfo;
import dev.cil.bpf.insn.HelperNames;
import dev.cil.bpf.insn.KernelSymbols;
import dev.cil.bpf.insn.LineTable;
import dev.cil.bpf.insn.XlatedListing;
import dev.cil.bpf.insn.XlatedSymbols;
import dev.cil.btf.BtfException;
import dev.cil.btf.BtfSpec;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Args;
import dev.cil.cli.command.Selectors;
import dev.cil.error.KernelException;
import dev.cil.error.PermissionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code cil prog dump xlated PROG [{ file FILE | [opcodes] [linum] [visual] }]}: the program's
 * translated instructions as bpftool 7.5 prints them (text line for line, {@code -j} with the same
 * JSON), with helper, kernel-function and subprogram names from the kernel's BTF and symbol table,
 * map references as {@code map[id:N]}, function headers and source lines from the program's BTF;
 * {@code file} writes the raw instructions instead.
 */
@Command(name = "dump",
        description = "Dump the translated instructions of PROG (PROG := " + Selectors.PROG_SPEC + "):"
                + " xlated PROG [{ file FILE | [opcodes] [linum] [visual] }].",
        footer = {"%nExamples:", "  cil prog dump xlated id 1312", "  cil prog dump xlated name cil_from_container opcodes linum",
                  "  cil -j prog dump xlated pinned /sys/fs/bpf/tc/globals/prog", "  cil prog dump xlated id 1312 file /tmp/prog.bin",
                  "  cil prog dump xlated id 1312 visual | dot -Tsvg > prog.svg"})
public final class ProgDumpCommand extends LeafCommand {
    @Parameters(paramLabel = "ARG", arity = "0..*", description = "xlated PROG [{ file FILE | [opcodes] [linum] [visual] }]")
    List<String> words;

    /** Immediates of helper calls below this may be helper ids (the kernel's enum stops at 212 and is frozen). */
    private static final int HELPER_ID_LIMIT = 4096;

    @Override
    protected int execute() throws IOException {
        Args a = new Args(words);
        if (!a.hasNext()) throw CilException.usage("expected 'xlated' or 'jited'");
        if (a.nextIs("jited")) {
            throw CilException.usage("'dump jited' is not supported: cil has no JIT disassembler (use 'dump xlated')");
        }
        if (!a.accept("xlated")) throw CilException.usage("expected 'xlated' or 'jited', got: '" + a.peek() + "'");
        if (a.remaining() < 2) throw CilException.usage("expected PROG (" + Selectors.PROG_SPEC + ") after 'xlated'");
        List<BpfProgram> progs = Selectors.programs(a);
        try {
            Options o = options(a, progs);
            dump(progs, o);
        } finally {
            Selectors.closeAll(progs);
        }
        return ExitCodes.OK;
    }

    private record Options(String file, boolean opcodes, boolean linum, boolean visual) { }

    private Options options(Args a, List<BpfProgram> progs) {
        String file = null;
        boolean opcodes = false, linum = false, visual = false;
        while (a.hasNext()) {
            if (a.accept("file")) {
                if (!a.hasNext()) throw CilException.usage("expected file path after 'file'");
                if (progs.size() > 1) throw several(progs, "file");
                file = a.next("file path");
            } else if (a.accept("opcodes")) {
                opcodes = true;
            } else if (a.accept("visual")) {
                if (progs.size() > 1) throw several(progs, "visual");
                visual = true;
            } else if (a.accept("linum")) {
                linum = true;
            } else {
                throw CilException.usage("unexpected argument '" + a.peek() + "' (expected file FILE, opcodes, linum or visual)");
            }
        }
        if (file != null && (opcodes || visual || linum)) {
            throw CilException.usage("'file' is not compatible with 'opcodes', 'visual', or 'linum'");
        }
        if (visual && global().json()) throw CilException.usage("'visual' is not compatible with JSON output");
        return new Options(file, opcodes, linum, visual);
    }

    private static CilException several(List<BpfProgram> progs, String option) {
        List<String> ids = new ArrayList<>();
        for (BpfProgram p : progs) ids.add(Integer.toUnsignedString(p.info().id().value()));
        return CilException.failure("several programs matched (ids " + String.join(", ", ids) + "): '" + option
                + "' needs one, select it with 'id ID'");
    }

    private void dump(List<BpfProgram> progs, Options o) throws IOException {
        boolean several = progs.size() > 1;
        if (o.file() != null) {
            BpfProgram p = progs.get(0);
            writeFile(o.file(), instructions(p.xlatedDump()));
            output().nothing();
            return;
        }
        List<ProgDumpView> views = new ArrayList<>();
        KernelSymbolsOnce kallsyms = new KernelSymbolsOnce();
        HelperLookup helpers = new HelperLookup();
        for (BpfProgram p : progs) {
            ProgramInfo info = several ? p.info() : null;
            BpfProgram.XlatedDump d = p.xlatedDump();
            instructions(d);
            BtfSpec btf = d.btfId() == 0 ? null : programBtf(d.btfId());
            LineTable lines = null;
            if (d.lineInfo().length > 0) {
                lines = LineTable.of(d.lineInfo(), d.lineInfoRecSize(), d.jitedLineInfo(), d.jitedLineInfoRecSize(),
                        d.jitedKsyms(), d.jitedFuncLens());
                if (lines == null && !global().json()) {
                    err().println("cil: the line_info of the program does not match its JIT image: dumping it without source lines");
                }
            }
            XlatedSymbols symbols = new XlatedSymbols(helpers::name, kallsyms::get, d.jitedKsyms());
            if (o.visual()) {
                new ProgDumpGraph(d.insns(), btf, d.funcInfo(), d.funcInfoRecSize(), lines, symbols, o.opcodes(), o.linum()).print(out());
                return;
            }
            XlatedListing listing = XlatedListing.build(d.insns(), btf, d.funcInfo(), d.funcInfoRecSize(), lines, symbols);
            ProgDumpView v = new ProgDumpView(info, listing, o.opcodes(), o.linum());
            if (global().json()) {
                views.add(v);                            // JSON is one document: printed at the end
            } else {
                if (p != progs.get(0)) out().println();  // bpftool's blank line between programs
                v.text(out());
            }
        }
        if (global().json()) {
            if (several) output().list(views);
            else output().one(views.get(0));
        }
    }

    private static byte[] instructions(BpfProgram.XlatedDump d) {
        if (d.insns().length == 0) {
            throw CilException.failure("no instructions returned for the program (kernel.kptr_restrict set, or not root?)");
        }
        return d.insns();
    }

    /** Helper names from the kernel's BTF, read only when a call could be one (its immediate is small). */
    private final class HelperLookup {
        private HelperNames names;

        String name(int id) {
            if (id >= HELPER_ID_LIMIT) return null;
            if (names == null) {
                long t = System.nanoTime();
                names = HelperNames.kernel();
                debug("helper names from " + BtfSpec.VMLINUX + ": " + names.size() + " ids in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            }
            return names.name(id);
        }
    }

    private final class KernelSymbolsOnce {
        private KernelSymbols syms;

        KernelSymbols get() {
            if (syms == null) {
                long t = System.nanoTime();
                syms = KernelSymbols.read();
                debug("kallsyms: " + syms.size() + " symbols in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            }
            return syms;
        }
    }

    private static BtfSpec programBtf(int id) {
        try (Btf btf = Btf.openById(new BtfId(id))) {
            return BtfSpec.parse(btf.bytes());
        } catch (PermissionException e) {
            throw e;
        } catch (KernelException | BtfException e) {
            throw CilException.failure("failed to get btf " + Integer.toUnsignedString(id) + " of the program: " + e.getMessage());
        }
    }

    private static void writeFile(String file, byte[] insns) {
        try (SeekableByteChannel c = Files.newByteChannel(Path.of(file),
                EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(insns);
            while (b.hasRemaining()) c.write(b);
        } catch (IOException | RuntimeException e) {
            throw CilException.failure("can't write file " + file + ": " + describe(e));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null) {
            return ((java.nio.file.FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
