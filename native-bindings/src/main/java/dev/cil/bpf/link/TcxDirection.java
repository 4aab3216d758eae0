package dev.cil.bpf.link;

import dev.cil.bpf.AttachType;

/** Where a tcx program runs: ingress or egress of a device. */
public enum TcxDirection {
    INGRESS(AttachType.TCX_INGRESS, "tcx/ingress"), EGRESS(AttachType.TCX_EGRESS, "tcx/egress");

    private final AttachType attachType;
    private final String location;

    TcxDirection(AttachType attachType, String location) {
        this.attachType = attachType;
        this.location = location;
    }

    public AttachType attachType() { return attachType; }

    /** bpftool's name of the location ({@code tcx/ingress}). */
    public String location() { return location; }
}
