package dev.cil.netlink;

import java.util.ArrayList;
import java.util.List;

/**
 * The XDP state of a device (IFLA_XDP): the attach mode ({@code IFLA_XDP_ATTACHED}) and the program
 * ids. In a single mode, {@link #progId()} is the program; with {@link #MULTI} the per-mode ids say
 * which program runs where. Ids are 0 when absent.
 */
public record XdpInfo(int attached, int progId, int drvProgId, int skbProgId, int hwProgId) {
    public static final int NONE_ATTACHED = 0, DRV = 1, SKB = 2, HW = 3, MULTI = 4;
    public static final XdpInfo NONE = new XdpInfo(NONE_ATTACHED, 0, 0, 0, 0);

    /** One attached program with bpftool's mode name. */
    public record Program(String mode, int id) { }

    public boolean isAttached() { return attached != NONE_ATTACHED; }

    /**
     * The attached programs as {@code bpftool net show} lists them: mode {@code generic} (skb),
     * {@code driver} or {@code offload}; with several modes, in that order.
     */
    public List<Program> programs() {
        List<Program> out = new ArrayList<>();
        switch (attached) {
            case MULTI:
                if (skbProgId != 0) out.add(new Program("generic", skbProgId));
                if (drvProgId != 0) out.add(new Program("driver", drvProgId));
                if (hwProgId != 0) out.add(new Program("offload", hwProgId));
                break;
            case DRV: out.add(new Program("driver", progId)); break;
            case SKB: out.add(new Program("generic", progId)); break;
            case HW: out.add(new Program("offload", progId)); break;
            default: break;
        }
        return out;
    }

    /** The mode's name: {@code none}, {@code driver}, {@code generic}, {@code offload}, {@code multi}, or {@code mode N}. */
    public String modeName() {
        switch (attached) {
            case NONE_ATTACHED: return "none";
            case DRV: return "driver";
            case SKB: return "generic";
            case HW: return "offload";
            case MULTI: return "multi";
            default: return "mode " + attached;
        }
    }
}
