package dev.cil.netns;

import dev.cil.error.NoSuchObjectException;

/** A named network namespace does not exist: {@code network namespace "x" not found}. */
public final class NetNsNotFoundException extends NoSuchObjectException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public NetNsNotFoundException(String name) {
        super("open network namespace " + name, 2, null);
        this.name = name;
    }

    /** The name that was looked up. */
    public String name() { return name; }

    @Override
    public String getMessage() { return "network namespace \"" + name + "\" not found"; }
}
