package org.azukari.server.cli;

import java.util.List;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs one operator command when the application was started as
 * {@code azukari-server.jar operator <command> ...} (see {@code AzukariApplication}), then lets
 * the application end with the command's exit code. Errors print their code and message only.
 */
@Component
@ConditionalOnProperty(name = "azukari.cli.enabled", havingValue = "true")
class OperatorCommandRunner implements ApplicationRunner, ExitCodeGenerator {

    private final OperatorCommands commands;
    private int exitCode;

    OperatorCommandRunner(OrganisationRegistry organisations, PurposeRegistry purposes, PeopleRegistry people) {
        this.commands = new OperatorCommands(organisations, purposes, people, System.getenv(), System.out);
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (!words.isEmpty() && "audit".equals(words.get(0))) {
            return;
        }
        if (words.size() < 2 || !"operator".equals(words.get(0))) {
            System.err.println("usage: azukari-server.jar operator <command> name=value ...; commands: "
                    + String.join(", ", OperatorCommands.COMMANDS));
            exitCode = 2;
            return;
        }
        try {
            exitCode = commands.run(words.get(1), words.subList(2, words.size()));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println(e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
