package dev.cil.cli.command.endpoint;

import dev.cil.cli.CilException;

/** How endpoint commands name an endpoint in the API: a number, or {@code pod-name:NAMESPACE/POD}. */
final class EndpointIds {
    private EndpointIds() { }

    static String of(String nameOrId, String namespace) {
        if (nameOrId.chars().allMatch(Character::isDigit) && !nameOrId.isEmpty()) {
            if (nameOrId.length() > 9) throw CilException.usage("invalid endpoint id " + nameOrId);
            return nameOrId;
        }
        if (nameOrId.startsWith("pod-name:")) return nameOrId;
        if (!nameOrId.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || nameOrId.length() > 63) {
            throw CilException.usage("invalid endpoint '" + nameOrId + "': an id, or a pod name (lowercase letters, digits, '-')");
        }
        return "pod-name:" + namespace + "/" + nameOrId;
    }
}
