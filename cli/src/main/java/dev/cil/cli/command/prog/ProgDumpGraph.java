package dev.cil.cli.command.prog;

import dev.cil.bpf.insn.FuncSignature;
import dev.cil.bpf.insn.Insn;
import dev.cil.bpf.insn.InsnPrinter;
import dev.cil.bpf.insn.LineTable;
import dev.cil.btf.BtfException;
import dev.cil.btf.BtfSpec;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code prog dump xlated PROG visual}: the program's control flow graph in DOT, as bpftool 7.5
 * draws it. Functions are cut at the targets of bpf-to-bpf calls and become dashed clusters
 * {@code func_N ()} (N in the order the calls are met); basic blocks are cut at jump targets and after
 * conditional jumps, and become record nodes {@code fn_F_bb_B} between an ENTRY and an EXIT diamond,
 * joined by fall-through and jump edges. Inside a block, instruction numbers, function headers and
 * source lines count from the start of the function, as bpftool counts them.
 *
 * <p>Where bpftool's drawing reads past what it built (a jump or call whose target block does not
 * exist, a call target outside the program) it would crash; here the edge or the function is left
 * out. Instruction texts are cut at 63 characters, as bpftool's line buffer cuts them.
 */
final class ProgDumpGraph {
    private static final int ENTRY = 0, EXIT = 1;

    private final Insn[] insns;
    private final BtfSpec btf;
    private final byte[] funcInfo;
    private final int funcRecSize;
    private final LineTable lines;
    private final InsnPrinter.Symbols symbols;
    private final boolean opcodes, linum;
    private final byte[] raw;

    /** A function: its first and last instruction, its index in the order calls name it, its blocks. */
    private static final class Func {
        final int start;
        final int idx;
        int end;
        final List<Block> blocks = new ArrayList<>();

        Func(int start, int idx) {
            this.start = start;
            this.idx = idx;
        }
    }

    /** A block: its head and tail instruction (unused for ENTRY and EXIT), its number, its successors. */
    private static final class Block {
        final int head;
        int tail;
        int idx;
        final List<Block> succs = new ArrayList<>();

        Block(int head) { this.head = head; }
    }

    ProgDumpGraph(byte[] raw, BtfSpec btf, byte[] funcInfo, int funcRecSize, LineTable lines, InsnPrinter.Symbols symbols,
                  boolean opcodes, boolean linum) {
        this.raw = raw;
        this.insns = new Insn[Insn.count(raw)];
        for (int i = 0; i < insns.length; i++) insns[i] = Insn.decode(raw, i);
        this.btf = btf;
        this.funcInfo = funcInfo;
        this.funcRecSize = funcRecSize;
        this.lines = lines;
        this.symbols = symbols;
        this.opcodes = opcodes;
        this.linum = linum;
    }

    private static boolean isJump(Insn i) { return i.cls() == Insn.JMP || i.cls() == Insn.JMP32; }

    private List<Func> functions() {
        List<Func> funcs = new ArrayList<>();
        if (insns.length == 0) return funcs;
        int[] count = {0};
        addFunc(funcs, 0, count);
        for (int i = 0; i < insns.length; i++) {
            Insn in = insns[i];
            if (in.code() != (Insn.JMP | Insn.OP_CALL) || in.src() != Insn.PSEUDO_CALL) continue;
            int target = i + in.off() + 1;
            if (target >= 0 && target < insns.length) addFunc(funcs, target, count);
        }
        for (int f = 0; f < funcs.size(); f++) {
            funcs.get(f).end = f + 1 < funcs.size() ? funcs.get(f + 1).start - 1 : insns.length - 1;
        }
        return funcs;
    }

    private static void addFunc(List<Func> funcs, int start, int[] count) {
        int pos = 0;
        while (pos < funcs.size() && funcs.get(pos).start < start) pos++;
        if (pos < funcs.size() && funcs.get(pos).start == start) return;
        funcs.add(pos, new Func(start, count[0]++));
    }

    private static void addBlock(List<Block> blocks, int head) {
        int pos = 0;
        while (pos < blocks.size() && blocks.get(pos).head < head) pos++;
        if (pos < blocks.size() && blocks.get(pos).head == head) return;
        blocks.add(pos, new Block(head));
    }

    private static Block blockAt(List<Block> blocks, int head) {
        for (Block b : blocks) if (b.head == head) return b;
        return null;
    }

    private void blocks(Func f) {
        List<Block> bbs = new ArrayList<>();
        addBlock(bbs, f.start);
        for (int i = f.start; i <= f.end; i++) {
            Insn in = insns[i];
            if (!isJump(in) || in.op() == Insn.OP_EXIT || in.op() == Insn.OP_CALL) continue;
            addBlock(bbs, i + in.off() + 1);
            if (in.op() != Insn.OP_JA) addBlock(bbs, i + 1);
        }
        int idx = 2;
        for (int b = 0; b < bbs.size(); b++) {
            Block bb = bbs.get(b);
            bb.tail = b + 1 < bbs.size() ? bbs.get(b + 1).head - 1 : f.end;
            bb.idx = idx++;
        }
        Block entry = new Block(-1), exit = new Block(-1);
        entry.idx = ENTRY;
        exit.idx = EXIT;
        f.blocks.add(entry);
        f.blocks.addAll(bbs);
        f.blocks.add(exit);
        entry.succs.add(f.blocks.get(1));
        for (int b = 1; b < f.blocks.size() - 1; b++) {
            Block bb = f.blocks.get(b), next = f.blocks.get(b + 1);
            Insn t = bb.tail >= 0 && bb.tail < insns.length ? insns[bb.tail] : null;
            if (t == null || !isJump(t) || t.op() == Insn.OP_EXIT) {
                bb.succs.add(next);
            } else if (t.op() == Insn.OP_JA) {
                Block to = blockAt(bbs, bb.tail + t.off() + 1);
                if (to != null) bb.succs.add(to);
            } else {
                bb.succs.add(next);
                Block to = blockAt(bbs, bb.tail + t.off() + 1);
                if (to != null) bb.succs.add(to);
            }
        }
    }

    void print(PrintWriter out) {
        StringBuilder b = new StringBuilder(4096);
        b.append("digraph \"DOT graph for eBPF program\" {\n");
        for (Func f : functions()) {
            blocks(f);
            b.append("subgraph \"cluster_").append(f.idx).append("\" {\n\tstyle=\"dashed\";\n\tcolor=\"black\";\n\tlabel=\"func_")
                    .append(f.idx).append(" ()\";\n");
            for (Block bb : f.blocks) node(b, f, bb);
            for (Block bb : f.blocks) {
                for (Block to : bb.succs) {
                    b.append("\tfn_").append(f.idx).append("_bb_").append(bb.idx).append(":s -> fn_").append(f.idx).append("_bb_")
                            .append(to.idx).append(":n [style=\"solid,bold\", color=black, weight=10, constraint=true];\n");
                }
            }
            b.append("\tfn_").append(f.idx).append("_bb_").append(ENTRY).append(":s -> fn_").append(f.idx).append("_bb_").append(EXIT)
                    .append(":n [style=\"invis\", constraint=true];\n");
            b.append("}\n");
        }
        b.append("}\n");
        out.print(b);
    }

    private void node(StringBuilder b, Func f, Block bb) {
        boolean special = bb.idx == ENTRY || bb.idx == EXIT;
        b.append("\tfn_").append(f.idx).append("_bb_").append(bb.idx).append(" [shape=").append(special ? "Mdiamond" : "record")
                .append(",style=filled,label=\"");
        if (bb.idx == ENTRY) {
            b.append("ENTRY");
        } else if (bb.idx == EXIT) {
            b.append("EXIT");
        } else {
            b.append("{\\\n");
            block(b, bb.head, bb.tail, bb.head - f.start);
            b.append('}');
        }
        b.append("\"];\n\n");
    }

    /** The instructions of one block; numbers, headers and lines count from the function's start. */
    private void block(StringBuilder b, int head, int tail, int startIdx) {
        ByteBuffer fi = ByteBuffer.wrap(funcInfo).order(ByteOrder.LITTLE_ENDIAN);
        int nFunc = funcRecSize >= 8 ? funcInfo.length / funcRecSize : 0;
        int record = 0;
        LineTable.Line last = null;
        boolean secondHalf = false;
        for (int cur = head; cur <= tail && cur < insns.length; cur++) {
            if (secondHalf) {
                secondHalf = false;
                continue;
            }
            if (cur < 0) continue;   // a jump before the program: bpftool reads outside its buffer
            Insn in = insns[cur];
            secondHalf = in.isLdImm64();
            int off = cur - head + startIdx;
            if (btf != null && record < nFunc && fi.getInt(record * funcRecSize) == off) {
                String sig = FuncSignature.of(btf, fi.getInt(record * funcRecSize + 4));
                if (!sig.isEmpty()) b.append("; ").append(ProgDumpView.safe(sig)).append(":\\l\\\n");
                record++;
            }
            if (btf != null && lines != null) {
                LineTable.Line l = lines.find(off, 0);
                if (l != null && l != last) {
                    lineLabel(b, l);
                    last = l;
                }
            }
            b.append(off).append(": ");
            Insn next = secondHalf && cur + 1 < insns.length ? insns[cur + 1] : null;
            String text = InsnPrinter.print(in, next, symbols) + "\n";
            if (text.length() > 63) text = text.substring(0, 63);   // bpftool's 64-byte line buffer
            escapeInsn(b, ProgDumpView.safe(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text), text.endsWith("\n"));
            if (opcodes) {
                b.append("\\ \\ \\ \\ ");
                hex(b, cur);
                if (secondHalf && cur + 1 <= tail && cur + 1 < insns.length) {
                    b.append(' ');
                    hex(b, cur + 1);
                }
                b.append("\\l\\\n");
            }
            if (cur != tail) b.append("| ");
        }
    }

    private void hex(StringBuilder b, int index) {
        for (int i = 0; i < 8; i++) {
            if (i > 0) b.append(' ');
            byte v = raw[index * 8 + i];
            b.append(Character.forDigit((v >> 4) & 0xf, 16)).append(Character.forDigit(v & 0xf, 16));
        }
    }

    /** bpftool's graph escaping of an instruction: {@code < > | &} get a backslash, the line end becomes {@code \l\}. */
    private static void escapeInsn(StringBuilder b, String text, boolean newline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '>' || c == '|' || c == '&') b.append('\\');
            b.append(c);
        }
        if (newline) b.append("\\l\\\n");
    }

    private void lineLabel(StringBuilder b, LineTable.Line l) {
        String line = string(l.lineOff());
        if (line == null || line.isEmpty()) return;
        line = ltrim(line);
        if (linum) {
            String file = string(l.fileNameOff());
            String shortFile = file == null ? "" : shorten(file);
            b.append("; [").append(file == null || shortFile.length() < file.length() ? "..." : "");
            dotLabel(b, ProgDumpView.safe(shortFile));
            b.append(" line:").append(l.lineNum()).append(" col:").append(l.column()).append("]\\l\\\n");
        }
        b.append("; ");
        dotLabel(b, ProgDumpView.safe(line));
        b.append("\\l\\\n");
    }

    private String string(int off) {
        try {
            return btf.string(off);
        } catch (BtfException e) {
            return null;
        }
    }

    private static String ltrim(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) i++;
        return s.substring(i);
    }

    /** bpftool's path shortening for graph labels: the tail of the path from a '/' within its last 32 characters. */
    static String shorten(String path) {
        int max = 32;
        int len = path.length();
        if (len <= max) return path;
        int slash = path.indexOf('/', len - max);
        if (slash >= 0) return slash < 3 ? path : path.substring(slash);
        slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash) : path;
    }

    private static void dotLabel(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': case '"': case '{': case '}': case '<': case '>': case '|': case ' ':
                    b.append('\\');
                    break;
                default:
                    break;
            }
            b.append(c);
        }
    }
}
