package dev.cil.api;

/** The JSON body of every error the daemon's API returns: {@code {"code":404,"message":"…"}}. */
public record ErrorBody(int code, String message) { }
