package dev.cil.error;

/**
 * A failed kernel operation: what was attempted ({@link #op()}, e.g. {@code MAP_LOOKUP_ELEM on map 42}),
 * the errno the kernel returned, and a hint when one is known. The message reads
 * {@code op: strerror (ENAME; hint)}.
 */
public class KernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String op;
    private final int errno;
    private final String hint;

    public KernelException(String op, int errno, String hint) {
        this(op, errno, hint, null);
    }

    public KernelException(String op, int errno, String hint, Throwable cause) {
        super(OneLine.of(format(op, errno, hint)), cause);
        this.op = op;
        this.errno = errno;
        this.hint = hint;
    }

    /** For errors that are not an errno (errno 0): the message is taken as is. */
    protected KernelException(String message, String op) {
        super(OneLine.of(message));
        this.op = op;
        this.errno = 0;
        this.hint = null;
    }

    private static String format(String op, int errno, String hint) {
        StringBuilder b = new StringBuilder(op).append(": ").append(Errno.message(errno))
                .append(" (").append(Errno.name(errno));
        if (hint != null && !hint.isEmpty()) b.append("; ").append(hint);
        return b.append(')').toString();
    }

    public String op() { return op; }

    /** The raw errno, 0 when the failure was not an errno. */
    public int errnoNumber() { return errno; }

    public Errno errno() { return Errno.of(errno); }

    public String hint() { return hint; }

    /**
     * The typed exception for an errno: EPERM/EACCES become {@link PermissionException}, ENOENT
     * {@link NoSuchObjectException}, EEXIST {@link KeyExistsException}, EOPNOTSUPP/ENOTSUPP
     * {@link NotSupportedException}.
     */
    public static KernelException of(String op, int errno, String hint) {
        switch (errno) {
            case 1: case 13:
                return new PermissionException(op, errno, hint != null ? hint : "need root or CAP_BPF/CAP_NET_ADMIN");
            case 2:
                return new NoSuchObjectException(op, errno, hint);
            case 17:
                return new KeyExistsException(op, errno, hint);
            case 95: case 524:
                return new NotSupportedException(op, errno, hint);
            default:
                return new KernelException(op, errno, hint);
        }
    }
}
