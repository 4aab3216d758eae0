package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** {@code GET /v1/map}: every map the daemon caches ({@code models.BPFMapList}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BpfMapList(List<BpfMapModel> maps) { }
