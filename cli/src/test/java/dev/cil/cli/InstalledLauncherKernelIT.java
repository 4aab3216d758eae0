package dev.cil.cli;

import dev.cil.cli.completion.Sh;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher {@code install.sh} writes (README's first command runs it before the tests): with a JDK
 * 25 it has two AOT caches and picks by the command word, skipping the global options and their values.
 * Run for real through {@code sh -x}, with commands that only print their help.
 */
class InstalledLauncherKernelIT {
    private static final Path LAUNCHER = Path.of(System.getenv().getOrDefault("CIL_LAUNCHER", "/usr/local/bin/cil"));
    private static final Pattern ARCHIVE = Pattern.compile("-XX:(?:AOTCache|SharedArchiveFile)=(\\S+)");

    private static String archiveFor(String... args) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-x", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        Sh.Result r = Sh.run(cmd, Map.of());
        assertEquals(0, r.code(), "cil " + String.join(" ", args) + ": " + r.err());
        String exec = null;
        for (String line : r.err().split("\n")) if (line.startsWith("+ exec ")) exec = line;
        assertTrue(exec != null, "the launcher execs java: " + r.err());
        Matcher m = ARCHIVE.matcher(exec);
        return m.find() ? m.group(1) : "none";
    }

    @Test
    void kernelCommandsAndHelpStartFromTheSmallCacheAgentCommandsFromTheFullOne() throws IOException {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is not installed: run ./install.sh");
        String text = Files.readString(LAUNCHER);
        String kernel = archiveFor("prog", "--help");
        String full = archiveFor("status", "--help");
        if (!text.contains("cil-kernel.aot")) {
            // JDK 17 (AppCDS) or no cache: one archive for everything
            assertEquals(kernel, full);
            assertEquals(full, archiveFor("-N", "x", "map", "get", "--help"));
            return;
        }
        assertTrue(kernel.endsWith("/cil-kernel.aot"), kernel);
        assertTrue(full.endsWith("/cil.aot"), full);
        assertEquals(kernel, archiveFor("--help"));
        assertEquals(kernel, archiveFor("-j", "map", "dump", "--help"));
        assertEquals(kernel, archiveFor("--netns", "endpoint", "net", "show", "--help"), "a global option's value is not the command");
        assertEquals(kernel, archiveFor("map", "-j", "list", "--help"));
        assertEquals(full, archiveFor("-N", "prog", "map", "get", "--help"), "map get asks the daemon");
        assertEquals(full, archiveFor("-o", "json", "endpoint", "list", "--help"));
        assertEquals(full, archiveFor("shell", "--help"));
        assertEquals(full, archiveFor("observe", "--help"));
    }
}
