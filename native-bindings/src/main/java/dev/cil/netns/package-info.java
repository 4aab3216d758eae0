/**
 * Network namespaces: {@link dev.cil.netns.NetNs} creates, opens, lists and deletes named namespaces
 * under {@code /run/netns} exactly as iproute2 does, and runs work inside one on a dedicated platform
 * thread (the caller's thread never changes namespace).
 */
package dev.cil.netns;
