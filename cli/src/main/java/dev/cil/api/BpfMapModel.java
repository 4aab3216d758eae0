package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The daemon's cache of a BPF map it owns ({@code models.BPFMap}): the desired entries in cache order,
 * each with its sync state ({@code sync}, {@code to-be-inserted}, {@code to-be-deleted}) and last error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BpfMapModel(List<Entry> cache, String path) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(@JsonProperty("desired-action") String desiredAction, String key,
                        @JsonProperty("last-error") String lastError, String value) { }
}
