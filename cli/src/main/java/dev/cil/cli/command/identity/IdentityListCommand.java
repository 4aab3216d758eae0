package dev.cil.cli.command.identity;

import dev.cil.api.Identity;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code cil identity list [LABELS…]}. */
@Command(name = "list", aliases = "ls",
        description = "List security identities: the reserved ones (1 host, 2 world, 4 health, 6 remote-node, …) and those"
                + " allocated for label sets (from 256), as cilium-dbg identity list. With LABELS, only identities carrying all of them.",
        footer = {"%nExamples:", "  cil identity list", "  cil identity list k8s:app=webpod", "  cil identity list -o json"})
public final class IdentityListCommand extends LeafCommand {
    @Parameters(paramLabel = "LABELS", arity = "0..*", description = "Only identities that have all these labels (source:key=value).")
    List<String> filter = new ArrayList<>();

    @Override
    protected int execute() {
        List<Identity> ids = new ArrayList<>(Agent.call(global(), c -> c.identities()));
        ids.removeIf(i -> i.labels() == null || !i.labels().containsAll(filter));
        ids.sort(Comparator.comparingLong(Identity::id));
        if (global().json()) ModelJson.print(out(), ids, global().compactJson());
        else out().print(IdentityView.text(ids));
        return ExitCodes.OK;
    }
}
