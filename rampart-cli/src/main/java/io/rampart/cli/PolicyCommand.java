package io.rampart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rampart policy}: the policy subcommands. */
@Command(name = "policy",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Evaluate, lint and list policy definitions and initiatives.",
        subcommands = {EvalCommand.class, LintCommand.class, ListCommand.class})
final class PolicyCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.io().err(), spec.commandLine().getColorScheme());
        return ExitCode.USAGE;
    }
}
