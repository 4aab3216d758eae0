package dev.cil.cli.command.observe;

import java.lang.reflect.Method;

/** CommandLineFactory.groupOf is package-private in dev.cil.cli: reached by reflection for these tests. */
final class CommandLineFactoryAccess {
    private CommandLineFactoryAccess() { }

    static Class<?> groupOf(String... args) {
        try {
            Method m = dev.cil.cli.CommandLineFactory.class.getDeclaredMethod("groupOf", String[].class);
            m.setAccessible(true);
            return (Class<?>) m.invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
