package dev.cil.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * style.md's package rules for the daemon: {@code daemon} never imports {@code cli} (commands, output,
 * picocli); {@code api} and {@code client} import neither {@code cli} nor {@code daemon}; commands and
 * output import {@code daemon} only for the {@code daemon} commands' single entry point, DaemonMain.
 */
class PackageRulesTest {
    static List<String> violations(String pkgDir, java.util.function.Predicate<String> bad) throws IOException {
        List<String> out = new ArrayList<>();
        Path root = Path.of("src/main/java/dev/cil", pkgDir);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".java"))::iterator) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import ") && bad.test(line)) out.add(root.relativize(f) + ": " + line);
                }
            }
        }
        return out;
    }

    @Test
    void daemonDoesNotDependOnTheCli() throws IOException {
        assertEquals(List.of(), violations("daemon", l -> l.contains("dev.cil.cli.") || l.contains("picocli")));
    }

    @Test
    void apiAndClientAreFreeOfCliAndDaemon() throws IOException {
        assertEquals(List.of(), violations("api", l -> l.contains("dev.cil.cli.") || l.contains("dev.cil.daemon") || l.contains("picocli")
                || l.contains("org.eclipse.jetty")));
        assertEquals(List.of(), violations("client", l -> l.contains("dev.cil.cli.") || l.contains("dev.cil.daemon")));
    }

    @Test
    void commandsReachTheDaemonOnlyThroughDaemonMain() throws IOException {
        List<String> v = violations("cli", l -> l.contains("dev.cil.daemon.") && !l.contains("dev.cil.daemon.DaemonMain;"));
        assertEquals(List.of(), v);
        List<String> users = violations("cli", l -> l.contains("dev.cil.daemon.DaemonMain;"));
        for (String u : users) assertEquals(true, u.startsWith("command/daemon/"), u);
    }
}
