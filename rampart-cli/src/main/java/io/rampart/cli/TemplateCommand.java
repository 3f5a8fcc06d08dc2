package io.rampart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rampart template}: the shift-left gate over ARM templates. */
@Command(name = "template",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Check ARM templates against policies before deployment, or print what they would deploy.",
        subcommands = {TemplateCheckCommand.class, TemplateExpandCommand.class, TemplateFixCommand.class})
final class TemplateCommand implements Callable<Integer> {

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
