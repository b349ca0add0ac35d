package dev.flinkregistry.server.token;

import dev.flinkregistry.server.token.TokenService.CreatedToken;
import dev.flinkregistry.server.token.TokenService.TokenView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tokens}: create (the secret is shown once), list and revoke registry API tokens. */
@RestController
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * A token to create.
     *
     * @param workspace its workspace; null for a platform-wide token (role {@code platform-admin})
     * @param expiresInDays how long it lives (default: registry.auth.token-default-lifetime)
     */
    record CreateToken(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                    message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String name,
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a workspace name") String workspace,
            @NotBlank String role,
            @Min(1) @Max(3650) Integer expiresInDays) {}

    @PostMapping("/api/v1/tokens")
    ResponseEntity<CreatedToken> create(@Valid @RequestBody CreateToken request) {
        CreatedToken created = tokens.create(request.name(), request.workspace(), request.role(),
                request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays()));
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.details().id())).body(created);
    }

    @GetMapping("/api/v1/tokens")
    List<TokenView> list() {
        return tokens.visible();
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    TokenView revoke(@PathVariable long id) {
        return tokens.revoke(id);
    }
}
