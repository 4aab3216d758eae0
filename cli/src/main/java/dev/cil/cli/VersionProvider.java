package dev.cil.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code cil --version}: the build's version and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CilCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "cil " + (v == null ? "dev" : v),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
