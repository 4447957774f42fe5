package org.azukari.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Purpose;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.identity.api.SmartScope;
import org.azukari.ui.assessments.RecipientRegistration;

/**
 * The operator's commands on the command line, the same operations as the operator API:
 * {@code java -jar azukari-server.jar operator <command> name=value ...}. Passwords come from
 * the environment variable {@code AZUKARI_INITIAL_PASSWORD}, never from the command line
 * (where {@code ps} and shell history would keep them).
 */
public final class OperatorCommands {

    public static final List<String> COMMANDS = List.of("register-organisation", "register-client", "define-purpose",
            "register-resident", "register-e-resident", "register-practitioner", "register-operator",
            "register-auditor", "link-enrolment", "enrol-totp", "confirm-totp", "list-organisations");

    private final OrganisationRegistry organisations;
    private final PurposeRegistry purposes;
    private final PeopleRegistry people;
    private final Map<String, String> environment;
    private final PrintStream out;

    public OperatorCommands(OrganisationRegistry organisations, PurposeRegistry purposes, PeopleRegistry people,
                            Map<String, String> environment, PrintStream out) {
        this.organisations = organisations;
        this.purposes = purposes;
        this.people = people;
        this.environment = environment;
        this.out = out;
    }

    /** Runs {@code command} with {@code name=value} arguments; returns the process exit code. */
    public int run(String command, List<String> arguments) {
        Map<String, String> args = parse(arguments);
        switch (command) {
            case "register-organisation" -> out.println("registered organisation " + organisations.registerOrganisation(
                    new Organisation(new OrganisationId(required(args, "id")), unassessedKind(required(args, "kind")),
                            required(args, "name"), list(args, "purposes").stream().map(Purpose::new)
                            .collect(Collectors.toSet()))).id());
            case "register-client" -> out.println("registered client " + organisations.registerClient(
                    new ClientRegistration(new ClientId(required(args, "id")), new OrganisationId(required(args, "organisation")),
                            PrincipalKind.valueOf(required(args, "kind")),
                            list(args, "scopes").stream().map(SmartScope::parse).collect(Collectors.toSet()),
                            read(Path.of(required(args, "jwks-file"))))).id());
            case "define-purpose" -> out.println("defined purpose " + purposes.define(new PurposeRegistry.Entry(
                    new Purpose(required(args, "code")), required(args, "label-ja"), required(args, "label-en"))).purpose());
            case "register-resident" -> print(people.registerResident(credentials(args),
                    AssuranceLevel.valueOf(required(args, "assurance")), ProofingMethod.valueOf(required(args, "proofing"))));
            case "register-e-resident" -> print(people.registerEResident(credentials(args),
                    AssuranceLevel.valueOf(required(args, "assurance")), ProofingMethod.valueOf(required(args, "proofing"))));
            case "register-practitioner" -> print(people.registerPractitioner(
                    new OrganisationId(required(args, "organisation")), credentials(args)));
            case "register-operator" -> print(people.registerOperator(credentials(args)));
            case "register-auditor" -> print(people.registerAuditor(credentials(args)));
            case "link-enrolment" -> {
                PersonAccount resident = people.findAccount(new AccountId(java.util.UUID.fromString(required(args, "account"))))
                        .filter(account -> account.kind().isResident())
                        .orElseThrow(() -> new BadInputException(FhirGatewayError.OP_0404, "no such resident account"));
                people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(),
                        new OrganisationId(required(args, "source")), required(args, "system"), required(args, "value")));
                out.println("linked");
            }
            case "enrol-totp" -> out.println("scan into the authenticator app, then confirm-totp with a code: "
                    + people.enrolTotp(account(args)).otpauthUri());
            case "confirm-totp" -> {
                if (!people.confirmTotp(account(args), required(args, "code"))) {
                    throw new BadInputException(FhirGatewayError.OP_0015, "that code does not confirm the pending second factor");
                }
                out.println("second factor active");
            }
            case "list-organisations" -> organisations.organisations().forEach(organisation -> out.println(
                    organisation.id() + " " + organisation.kind() + " " + organisation.purposes()));
            default -> throw new BadInputException(FhirGatewayError.OP_0010, "unknown command; commands: " + String.join(", ", COMMANDS));
        }
        return 0;
    }

    /**
     * A clinic or a wellness service is registered only with its privacy impact assessment, reviewed
     * by a signed-in operator: through the operator API or console, not here (the command line has
     * no operator account to name as the reviewer).
     */
    private static OrganisationKind unassessedKind(String text) {
        OrganisationKind kind = OrganisationKind.valueOf(text);
        if (RecipientRegistration.ASSESSED_AT_REGISTRATION.contains(kind)) {
            throw new BadInputException(FhirGatewayError.OP_0030, "a clinic or wellness service is registered with its privacy"
                    + " impact assessment (operator API or console)");
        }
        return kind;
    }

    private static AccountId account(Map<String, String> args) {
        try {
            return new AccountId(java.util.UUID.fromString(required(args, "account")));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(FhirGatewayError.OP_0404, "no such account");
        }
    }

    private AccountCredentials credentials(Map<String, String> args) {
        String password = environment.get("AZUKARI_INITIAL_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new BadInputException(FhirGatewayError.OP_0011, "set AZUKARI_INITIAL_PASSWORD to the account's initial password");
        }
        return new AccountCredentials(required(args, "username"), password);
    }

    private void print(PersonAccount account) {
        out.println("registered " + account.kind().name().toLowerCase() + " account " + account.account());
    }

    private static Map<String, String> parse(List<String> arguments) {
        Map<String, String> args = new HashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals < 1) {
                throw new BadInputException(FhirGatewayError.OP_0012, "arguments are name=value");
            }
            args.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return args;
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isEmpty()) {
            throw new BadInputException(FhirGatewayError.OP_0013, "missing argument " + name);
        }
        return value;
    }

    private static List<String> list(Map<String, String> args, String name) {
        return Arrays.stream(required(args, name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("OP-0014 cannot read the JWKS file", e);
        }
    }

}
