package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One ipcache entry as the agent knows it ({@code models.IPListEntry}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpListEntry(String cidr, @JsonProperty("hostIP") String hostIp,
                          @JsonInclude(JsonInclude.Include.ALWAYS) long identity, Metadata metadata) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String name, String namespace, String source) { }
}
