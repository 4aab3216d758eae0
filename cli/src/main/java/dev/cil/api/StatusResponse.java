package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/healthz}: the node's status, shaped like Cilium's {@code models.StatusResponse}
 * (kebab-case keys in alphabetical order; sections cil does not have are absent).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public record StatusResponse(@JsonProperty("attach-mode") String attachMode,
                             @JsonProperty("bandwidth-manager") Enabled bandwidthManager,
                             @JsonProperty("bpf-maps") BpfMaps bpfMaps,
                             State cilium,
                             @JsonProperty("clock-source") ClockSource clockSource,
                             List<Controller> controllers,
                             @JsonProperty("datapath-mode") String datapathMode,
                             Mode encryption,
                             @JsonProperty("host-firewall") Mode hostFirewall,
                             Hubble hubble,
                             @JsonProperty("identity-range") IdentityRange identityRange,
                             Ipam ipam,
                             @JsonProperty("ipv4-big-tcp") Enabled ipv4BigTcp,
                             @JsonProperty("ipv6-big-tcp") Enabled ipv6BigTcp,
                             State kubernetes,
                             State kvstore,
                             Enabled masquerading,
                             NodeMonitor nodeMonitor,
                             Routing routing) {

    public static final String OK = "Ok", WARNING = "Warning", FAILURE = "Failure", DISABLED = "Disabled";

    /** {@code {"msg","state"}}; state is Ok, Warning, Failure or Disabled. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(String msg, String state) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enabled(boolean enabled) { }

    /** Cilium's {@code models.HubbleStatus}: state, message and the flow observer's counters. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hubble(String msg, Observer observer, String state) { }

    /** {@code HubbleStatusObserver}: flows kept, the ring's size, flows seen since start, uptime in nanoseconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Observer(@JsonProperty("current-flows") long currentFlows, @JsonProperty("max-flows") long maxFlows,
                           @JsonProperty("seen-flows") long seenFlows, long uptime) { }

    /** Cilium's {@code models.MonitorStatus}: the event buffer (here the ring buffer, in pages) and lost events (zeros omitted, as Cilium's omitempty). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record NodeMonitor(long cpus, long lost, long npages, long pagesize, long unknown) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mode(String mode) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClockSource(String mode) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdentityRange(@JsonProperty("max-identity") long maxIdentity,
                                @JsonProperty("min-identity") long minIdentity) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ipam(Map<String, String> allocations, List<String> ipv4, String status) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Routing(@JsonProperty("inter-host-routing-mode") String interHostRoutingMode,
                          @JsonProperty("intra-host-routing-mode") String intraHostRoutingMode,
                          @JsonProperty("tunnel-protocol") String tunnelProtocol) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BpfMaps(@JsonProperty("dynamic-size-ratio") double dynamicSizeRatio, List<MapSize> maps) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MapSize(String name, long size) { }

    /** A periodic task of the daemon and how its runs went ({@code models.ControllerStatus}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Controller(String name, ControllerRuns status) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ControllerRuns(@JsonProperty("consecutive-failure-count") long consecutiveFailureCount,
                                 @JsonProperty("failure-count") long failureCount,
                                 @JsonProperty("last-failure-msg") String lastFailureMsg,
                                 @JsonProperty("last-failure-timestamp") String lastFailureTimestamp,
                                 @JsonProperty("last-success-timestamp") String lastSuccessTimestamp,
                                 @JsonProperty("success-count") long successCount) { }
}
