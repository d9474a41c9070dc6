package io.attentionflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The researcher's command line: offline aggregation and replay simulation. */
@Command(name = "aflow", mixinStandardHelpOptions = true, version = "aflow 0.1.0",
        description = "Attention Flow researcher tools.",
        subcommands = {AggregateCommand.class, SimulateCommand.class})
public final class Aflow {

    /** Exit code for bad input or bad arguments. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Aflow())
                .setParameterExceptionHandler((ex, args) -> {
                    ex.getCommandLine().getErr().println("aflow: " + ex.getMessage());
                    return BAD_INPUT;
                });
    }
}
