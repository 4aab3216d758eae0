package dev.cil.flow;

import java.util.List;
import java.util.Map;

/**
 * Cilium's reserved security identities (pkg/identity/numericidentity.go): their names, as hubble
 * prints them ({@code (world)}) and reads them ({@code --identity world}), and their labels.
 */
public final class ReservedIdentity {
    private ReservedIdentity() { }

    public static final int UNKNOWN = 0, HOST = 1, WORLD = 2, UNMANAGED = 3, HEALTH = 4, INIT = 5, REMOTE_NODE = 6,
            KUBE_APISERVER = 7, INGRESS = 8, WORLD_IPV4 = 9, WORLD_IPV6 = 10;

    private static final String[] NAMES = {"unknown", "host", "world", "unmanaged", "health", "init", "remote-node",
        "kube-apiserver", "ingress", "world-ipv4", "world-ipv6"};

    /** The reserved name of an identity ({@code world}), or null when it is not one. ID 11 has none in hubble. */
    public static String name(int identity) {
        return identity >= 0 && identity < NAMES.length ? NAMES[identity] : null;
    }

    /** NumericIdentity.String(): the reserved name or the decimal number. */
    public static String toString(int identity) {
        String n = name(identity);
        return n != null ? n : Integer.toUnsignedString(identity);
    }

    /** The identity of a reserved name (not {@code unknown}), or -1. */
    public static int byName(String name) {
        for (int i = 1; i < NAMES.length; i++) if (NAMES[i].equals(name)) return i;
        return -1;
    }

    /** Names offered in messages ({@code --identity}): every reserved identity but unknown, in id order. */
    public static List<String> names() { return List.of(NAMES).subList(1, NAMES.length); }

    private static final Map<Integer, List<String>> LABELS = Map.of(
            HOST, List.of("reserved:host"),
            WORLD, List.of("reserved:world"),
            UNMANAGED, List.of("reserved:unmanaged"),
            HEALTH, List.of("reserved:health"),
            INIT, List.of("reserved:init"),
            REMOTE_NODE, List.of("reserved:remote-node"),
            KUBE_APISERVER, List.of("reserved:kube-apiserver", "reserved:remote-node"),
            INGRESS, List.of("reserved:ingress"),
            WORLD_IPV4, List.of("reserved:world-ipv4"),
            WORLD_IPV6, List.of("reserved:world-ipv6"));

    /** The built-in labels of a reserved identity; empty for others. */
    public static List<String> labels(int identity) { return LABELS.getOrDefault(identity, List.of()); }

    /** Identities with bit 24 set are node-local (CIDR, FQDN). */
    public static boolean isLocalScope(int identity) { return (identity & 0xFF000000) == 0x01000000; }
}
