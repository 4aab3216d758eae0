package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An endpoint as Cilium's API models it ({@code models.Endpoint}): the fields cil fills, with Cilium's
 * JSON keys and key order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoint(long id, Status status) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(@JsonProperty("external-identifiers") ExternalIdentifiers externalIdentifiers,
                         Health health,
                         Identity identity,
                         Labels labels,
                         Networking networking,
                         Policy policy,
                         String state) { }

    /** The orchestrator's names for the endpoint. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExternalIdentifiers(@JsonProperty("k8s-namespace") String k8sNamespace,
                                      @JsonProperty("k8s-pod-name") String k8sPodName,
                                      @JsonProperty("pod-name") String podName) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(String bpf, boolean connected, String overallHealth, String policy) {
        public static final Health OK = new Health("OK", true, "OK", "OK");
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Labels(List<String> derived, Realized realized,
                         @JsonProperty("security-relevant") List<String> securityRelevant) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Realized(List<String> user) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Networking(List<Address> addressing,
                             @JsonProperty("host-mac") String hostMac,
                             @JsonProperty("interface-index") long interfaceIndex,
                             @JsonProperty("interface-name") String interfaceName,
                             String mac) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String ipv4) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Policy(PolicyRealized realized) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PolicyRealized(@JsonProperty("policy-enabled") String policyEnabled) { }

    /** The first IPv4 address, or null. */
    public String ipv4() {
        if (status == null || status.networking() == null || status.networking().addressing() == null) return null;
        for (Address a : status.networking().addressing()) if (a.ipv4() != null && !a.ipv4().isEmpty()) return a.ipv4();
        return null;
    }

    /** {@code namespace/pod} for pods, else null. */
    public String podName() {
        return status == null || status.externalIdentifiers() == null ? null : status.externalIdentifiers().podName();
    }
}
