package dev.flinkregistry.server.token;

import dev.flinkregistry.server.security.AuthProperties;
import dev.flinkregistry.server.storage.StorageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * DESIGN rule 10's secure default: the first start of a registry with no token and no identity
 * provider creates a platform administrator's token, prints it once, and leaves it in
 * {@code <data-dir>/initial-admin-token} (readable by the server's user only), the way Jenkins
 * leaves its initial password. Only its hash is in the database.
 *
 * <p>Several replicas starting at once on a new database race for it: the token's name is unique
 * ({@code uk_api_token_name}), so exactly one of them creates it, prints it and writes it to its own
 * data directory; the others find the name taken, say so, and start without one.
 */
@Component
class BootstrapToken implements SmartInitializingSingleton {

    static final String FILE_NAME = "initial-admin-token";
    static final String NAME = "initial-admin";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapToken.class);

    private final TokenService tokens;
    private final AuthProperties auth;
    private final Path file;

    BootstrapToken(TokenService tokens, AuthProperties auth, StorageProperties storage) {
        this.tokens = tokens;
        this.auth = auth;
        this.file = storage.dataDir().resolve(FILE_NAME);
    }

    /** Before the web server starts accepting requests, so that the token exists once the port is open. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            createIfFirstStart();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not write " + file, e);
        }
    }

    private void createIfFirstStart() throws IOException {
        if (!auth.bootstrapToken() || auth.oidc().enabled() || tokens.anyExists()) {
            return;
        }
        Duration lifetime = auth.tokenMaxLifetime();
        TokenService.CreatedToken created;
        try {
            created = tokens.createInitial(NAME, lifetime);
        } catch (DataIntegrityViolationException raced) {
            LOG.info("Another replica starting at the same time created the initial platform administrator token; "
                    + "it was printed by, and written to the data directory of, that replica");
            return;
        }
        write(created.token());
        // Printed, not logged: it is shown once, on the console of whoever started the server.
        System.out.println("""

                =============================================================================
                 First start: a platform administrator's API token was created. It is shown
                 only now (and kept in %s, readable by this user only):

                   %s

                 Use it as a bearer token, e.g. export FCR_TOKEN=<the token> for fcr and curl
                 -H "Authorization: Bearer $FCR_TOKEN". It expires in %d days.
                =============================================================================
                """.formatted(file.toAbsolutePath(), created.token(), lifetime.toDays()));
        LOG.info("Created the initial platform administrator token (id {}); it was printed once and written to {}",
                created.details().id(), file.toAbsolutePath());
    }

    private void write(String token) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
