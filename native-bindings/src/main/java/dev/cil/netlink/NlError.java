package dev.cil.netlink;

/**
 * The content of an {@code NLMSG_ERROR} (or {@code NLMSG_DONE}) message: the errno (0 for an ACK),
 * the sequence number of the request it answers, and the extended-ack text and offset when the
 * kernel included them ({@code NLM_F_ACK_TLVS}). A pure decoder, unit-tested on bytes.
 */
record NlError(int errno, String extack, int badAttrOffset) {
    static final int NLMSGERR_ATTR_MSG = 1, NLMSGERR_ATTR_OFFS = 2;

    /** Decodes an NLMSG_ERROR payload: {@code int error; struct nlmsghdr msg; [payload]; [TLVs]}. */
    static NlError ofError(NlMessage m) {
        m.requirePayload(4, "NLMSG_ERROR");
        int err = -m.u32(0);
        int tlvStart = 4 + NlMsg.HDRLEN;
        if (m.payloadLength() >= tlvStart && (m.flags() & NlMsg.NLM_F_CAPPED) == 0) {
            int origLen = m.u32(4);
            if (origLen >= NlMsg.HDRLEN) tlvStart = 4 + NlMsg.align(origLen);
        }
        return withTlvs(m, err, tlvStart);
    }

    /** Decodes an NLMSG_DONE payload: {@code int error; [TLVs]} (an empty payload means 0). */
    static NlError ofDone(NlMessage m) {
        if (m.payloadLength() < 4) return new NlError(0, null, -1);
        return withTlvs(m, -m.u32(0), 4);
    }

    private static NlError withTlvs(NlMessage m, int err, int tlvStart) {
        if ((m.flags() & NlMsg.NLM_F_ACK_TLVS) == 0 || tlvStart >= m.payloadLength()) return new NlError(err, null, -1);
        NlAttrs tlv = NlAttrs.parse(m.payload(), tlvStart, m.payloadLength() - tlvStart, "extended ack");
        return new NlError(err, tlv.string(NLMSGERR_ATTR_MSG, null), tlv.u32(NLMSGERR_ATTR_OFFS, -1));
    }
}
