package dev.cil.cli.command.identity;

import dev.cil.api.Identity;
import dev.cil.cli.CilException;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.LeafCommand;
import dev.cil.cli.command.Agent;
import dev.cil.cli.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code cil identity get ID}. */
@Command(name = "get",
        description = "Show one security identity and its labels, as cilium-dbg identity get.",
        footer = {"%nExamples:", "  cil identity get 4", "  cil identity get 256 -o json"})
public final class IdentityGetCommand extends LeafCommand {
    @Parameters(paramLabel = "ID", description = "The identity number.")
    String id;

    @Override
    protected int execute() {
        if (!id.matches("[0-9]{1,10}")) throw CilException.usage("invalid identity '" + id + "' (a number)");
        Identity i = Agent.call(global(), c -> c.identity(id));
        if (global().json()) ModelJson.print(out(), List.of(i), global().compactJson());
        else out().print(IdentityView.text(List.of(i)));
        return ExitCodes.OK;
    }
}
