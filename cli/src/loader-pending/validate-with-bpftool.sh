#!/usr/bin/env bash
# TODO(loader): NOT the product. Runs DaemonEndToEndKernelIT today, before cil's own loader exists,
# with a throw-away LoaderDatapath that loads bpf_lxc.o/bpf_host.o with `bpftool prog loadall`
# (which pins by-name maps under /sys/fs/bpf/, then renames the pins into the node's pin dir).
# Runs in a private mount namespace with a fresh bpffs, so nothing reaches the machine's bpffs.
# Usage (root, from the repository root, after `mvn -pl cli -am install -DskipTests`):
#   cli/src/loader-pending/validate-with-bpftool.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
[[ $(id -u) -eq 0 ]] || { echo "must run as root" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/dev/cil/daemon"
cat > "$work/src/dev/cil/daemon/LoaderDatapath.java" <<'JAVA'
package dev.cil.daemon;

import dev.cil.api.NodePaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Throw-away: bpftool as the loader (validation only). */
final class LoaderDatapath extends TcxDatapath {
    LoaderDatapath(NodePaths paths) { super(paths); }

    @Override
    protected void load() {
        try {
            for (String m : MAPS) if (Files.exists(Path.of("/sys/fs/bpf", m))) throw new IllegalStateException("/sys/fs/bpf/" + m + " exists");
            for (String obj : List.of("bpf_lxc.o", "bpf_host.o")) {
                Path f = Files.createTempFile("cil-validate", obj);
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("bpf/" + obj)) { Files.write(f, in.readAllBytes()); }
                Path dir = paths.pinDir().resolve("tmp_" + obj.replace(".o", ""));
                Process p = new ProcessBuilder("bpftool", "prog", "loadall", f.toString(), dir.toString()).inheritIO().start();
                if (p.waitFor() != 0) throw new IllegalStateException("bpftool prog loadall " + obj + " failed");
                for (String prog : PROGRAMS) if (Files.exists(dir.resolve(prog))) Files.move(dir.resolve(prog), programPin(prog));
                Files.delete(f);
            }
            for (String m : MAPS) if (Files.exists(Path.of("/sys/fs/bpf", m))) Files.move(Path.of("/sys/fs/bpf", m), mapPath(m));
        } catch (Exception e) {
            throw new DatapathUnavailableException("bpftool validation loader: " + e, e);
        }
    }
}
JAVA
javac -d "$work/classes" -cp cli/target/classes:native-bindings/target/classes "$work/src/dev/cil/daemon/LoaderDatapath.java"
unshare --mount --propagation private bash -c "mount -t bpf bpf /sys/fs/bpf && mvn -B -q -o -pl cli verify \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DaemonEndToEndKernelIT \
  -Dmaven.test.additionalClasspath=$work/classes"
cat cli/target/failsafe-reports/dev.cil.cli.command.DaemonEndToEndKernelIT.txt
