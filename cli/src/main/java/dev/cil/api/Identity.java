package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A security identity ({@code models.Identity}): the number, its sorted labels and their SHA-256. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Identity(long id, List<String> labels, String labelsSHA256) { }
