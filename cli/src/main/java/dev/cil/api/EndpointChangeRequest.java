package dev.cil.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A request to create an endpoint (a pod): {@code POST /v1/endpoint}. Shaped like Cilium's
 * {@code EndpointChangeRequest} ({@code k8s-namespace}, {@code k8s-pod-name}, {@code labels}); the daemon
 * allocates the id, the address and the identity. Labels are {@code key=value} (source {@code k8s}) or
 * {@code source:key=value}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointChangeRequest(@JsonProperty("k8s-namespace") String namespace,
                                    @JsonProperty("k8s-pod-name") String podName,
                                    List<String> labels) { }
