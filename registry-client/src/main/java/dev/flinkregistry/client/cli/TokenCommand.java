package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.RegistryAdministration.TokenRequest;
import dev.flinkregistry.client.model.ApiToken;
import dev.flinkregistry.client.model.CreatedToken;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fcr token create|list|revoke}: the registry's API tokens. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
class TokenCommand implements Runnable {

    @CommandLine.ParentCommand
    Fcr fcr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a token command: create, list or revoke");
    }

    /** {@code fcr token create NAME --role R}: a new token, whose secret is printed this once. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = {
        "Create an API token with a role in the workspace (--workspace), or a platform-wide one (--role platform-admin).",
        "The secret goes to standard output, alone on its line, and is never shown again; the rest goes to standard error."})
    static class Create implements Callable<Integer> {

        @CommandLine.ParentCommand
        TokenCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "What the token is for; requests with it are recorded as token:NAME.")
        String name;

        @Option(names = "--role", required = true,
                description = "viewer, submitter, developer or admin in the workspace; platform-admin for every workspace.")
        String role;

        @Option(names = "--expires-in-days", description = "Days until it expires (default: the registry's token-default-lifetime, 90 unless configured).")
        Integer expiresInDays;

        @Option(names = "--json", description = "Print the secret and the token's details as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Connection connection = parent.fcr.connection;
            TokenRequest request = "platform-admin".equals(role) ? TokenRequest.platformWide(name)
                    : TokenRequest.forWorkspace(name, connection.workspace(), role);
            if (expiresInDays != null) {
                request = request.expiringInDays(expiresInDays);
            }
            CreatedToken created = connection.administration().createToken(request);
            if (json) {
                Output.json(spec.commandLine().getOut(), created);
                return 0;
            }
            ApiToken details = created.details();
            PrintWriter err = spec.commandLine().getErr();
            err.println("Created token " + details.id() + " '" + details.name() + "': " + scope(details) + ", expires "
                    + Output.time(details.expiresAt()) + ".");
            err.println("This is the only time its secret is shown; store it now (e.g. as FCR_TOKEN):");
            err.flush();
            spec.commandLine().getOut().println(created.token());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code fcr token list}: the tokens the caller may see, never a secret. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the tokens you created and those of the workspaces you administer (never a secret).")
    static class ListTokens implements Callable<Integer> {

        @CommandLine.ParentCommand
        TokenCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<ApiToken> tokens = parent.fcr.connection.administration().tokens();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, tokens);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "NAME", "HINT", "WORKSPACE", "ROLE", "CREATED BY", "EXPIRES", "LAST USED",
                "STATE"});
            Instant now = Instant.now();
            for (ApiToken token : tokens) {
                rows.add(new String[] {String.valueOf(token.id()), token.name(), token.hint(),
                    token.workspace() == null ? "(all)" : token.workspace(), token.role(), token.createdBy(),
                    Output.time(token.expiresAt()), token.lastUsedAt() == null ? "never" : Output.time(token.lastUsedAt()),
                    token.revokedAt() != null ? "revoked" : token.activeAt(now) ? "active" : "expired"});
            }
            Output.table(out, rows);
            return 0;
        }
    }

    /** {@code fcr token revoke ID}: ends a token. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token; requests with it are refused from now on.")
    static class Revoke implements Callable<Integer> {

        @CommandLine.ParentCommand
        TokenCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The token's id, as fcr token list shows it.")
        long id;

        @Override
        public Integer call() {
            ApiToken revoked = parent.fcr.connection.administration().revokeToken(id);
            spec.commandLine().getOut().println("revoked token " + revoked.id() + " '" + revoked.name() + "'");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private static String scope(ApiToken token) {
        return token.workspace() == null ? "platform-wide, " + token.role()
                : "role '" + token.role() + "' in workspace '" + token.workspace() + "'";
    }
}
