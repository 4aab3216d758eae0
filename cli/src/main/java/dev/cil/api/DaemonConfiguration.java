package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/config}: the node's settings (a subset of Cilium's {@code DaemonConfiguration}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DaemonConfiguration(Status status) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(Addressing addressing,
                         @JsonProperty("datapathMode") String datapathMode,
                         @JsonProperty("deviceMTU") int deviceMtu,
                         @JsonProperty("node-name") String nodeName,
                         @JsonProperty("node-netns") String nodeNetns,
                         @JsonProperty("pin-dir") String pinDir,
                         @JsonProperty("state-dir") String stateDir,
                         @JsonProperty("socket") String socket) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Addressing(Ipv4 ipv4) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ipv4(@JsonProperty("alloc-range") String allocRange, boolean enabled, String ip) { }
}
