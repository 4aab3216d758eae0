package dev.cil.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors: one line naming the problem and where to get help, exit 2. JSON mode prints
 * {@code {"error": …}} on stdout instead.
 */
public final class UsageReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        boolean json = false, debug = false;
        for (String a : args) {
            if (a.equals("-j") || a.equals("--json") || a.equals("-p") || a.equals("--pretty")
                    || a.equals("-ojson") || a.equals("--output=json")) json = true;
            if (a.equals("--debug")) debug = true;
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if ((args[i].equals("-o") || args[i].equals("--output")) && args[i + 1].equals("json")) json = true;
        }
        String msg = ex.getMessage();
        // an option's setter refused the value: its own sentence, not picocli's "Could not invoke …"
        for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            if (c instanceof CilException) {
                msg = c.getMessage();
                break;
            }
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            CommandLine.UnmatchedArgumentException u = (CommandLine.UnmatchedArgumentException) ex;
            if (!u.getSuggestions().isEmpty()) msg += " (did you mean: " + String.join(", ", u.getSuggestions()) + "?)";
        }
        String help = cmd.getCommandSpec().qualifiedName() + " --help";
        if (json) {
            cmd.getOut().println("{\"error\":" + ErrorReporter.jsonString(msg) + "}");
        } else {
            cmd.getErr().println("cil: " + msg + " (see '" + help + "')");
        }
        if (debug) ex.printStackTrace(cmd.getErr());
        cmd.getOut().flush();
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }
}
