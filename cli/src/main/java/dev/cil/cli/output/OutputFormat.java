package dev.cil.cli.output;

/** How a command renders its model. */
public enum OutputFormat {
    TEXT, JSON;

    public static OutputFormat parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "text": case "plain": return TEXT;
            case "json": return JSON;
            default: throw new IllegalArgumentException("invalid output format '" + s + "' (text, json)");
        }
    }
}
