package dev.cil.daemon;

import dev.cil.api.NodePaths;

import java.lang.reflect.InvocationTargetException;

/**
 * Chooses the {@link Datapath} implementation: {@code -Dcil.datapath=CLASS} (a class with a
 * {@code (NodePaths)} constructor; tests use their double), else {@value #LOADER}.

 */
final class Datapaths {
    private Datapaths() { }

    static final String PROPERTY = "cil.datapath";
    static final String LOADER = "dev.cil.daemon.LoaderDatapath";

    static Datapath create(NodePaths paths) {
        String impl = System.getProperty(PROPERTY, LOADER);
        Class<?> c;
        try {
            c = Class.forName(impl);
        } catch (ClassNotFoundException e) {
            throw new DatapathUnavailableException("datapath implementation " + impl + " (-D" + PROPERTY + ") not found");
        }
        try {
            return (Datapath) c.getDeclaredConstructor(NodePaths.class).newInstance(paths);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException) throw (RuntimeException) t;
            throw new DatapathUnavailableException("cannot create " + impl + ": " + t, t);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new DatapathUnavailableException("cannot create " + impl + ": " + e, e);
        }
    }
}
