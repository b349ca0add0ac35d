package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * DESIGN rule 10: every request is someone. Bearer tokens are registry API tokens ({@code fcr_…})
 * or OpenID Connect access tokens; a browser may sign in and use a session cookie, and then every
 * change needs the CSRF token. What each operation needs is {@link AccessPolicy}'s to decide.
 */
@Configuration
class SecurityConfiguration {

    /** Read by anyone: the contract, its UI, the health probes. */
    private static final String[] PUBLIC = {"/openapi.yaml", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/error"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessPolicy access, CredentialStore credentials,
                            AuthenticationManagerResolver<HttpServletRequest> bearer, JsonMapper json,
                            AuthProperties properties, Optional<OidcSignIn> oidcSignIn, AuthenticationFailures failures,
                            CsrfTokenRepository csrfTokens) throws Exception {
        SecurityProblems problems = new SecurityProblems(json, failures);
        if (oidcSignIn.isPresent()) {
            oidcSignIn.get().configure(http);
        }
        return http
                // Who the caller is lives for one request only: a session keeps its token (or its OIDC user), which
                // is checked again on every request, never an authentication object that would outlive a revocation.
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // Sessions are made only by signing in (which changes the id); a request authenticated by
                // the session's token must not get a new id each time.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER)
                        .sessionFixation(fixation -> fixation.none()))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new HeaderOnlyCsrfHandler())
                        // Only requests authenticated by the session cookie can be forged by another site.
                        .requireCsrfProtectionMatcher(SecurityConfiguration::madeWithSessionCookie))
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenResolver(BearerTokens::resolve)
                        .authenticationManagerResolver(bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(problems.limiter(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new SessionAuthenticationFilter(credentials, oidcSignIn),
                        BearerTokenAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/api/v1/session").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(RegistryAuthentication.PLATFORM_ADMIN)
                        .requestMatchers("/api/**").access(access)
                        .anyRequest().permitAll())
                .headers(SecurityConfiguration::browserHeaders)
                .cors(cors -> cors.configurationSource(cors(properties.allowedOrigins())))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * Spring Security's firewall with its own rules, checking header text without a regular expression
     * ({@link HeaderText}); picked up by Spring Security as the firewall of every filter chain.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return firewall;
    }

    /** What browsers are told about the console's pages: only its own scripts and styles, never framed, no referrer. */
    private static void browserHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                        + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
                        + "frame-ancestors 'none'; form-action 'self'"))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
    }

    /** Chooses how a bearer token is checked: registry API tokens by prefix, anything else as a JWT. */
    @Bean
    AuthenticationManagerResolver<HttpServletRequest> bearerAuthentication(CredentialStore credentials,
                                                                          Optional<OidcTokens> oidc) {
        AuthenticationManager tokens = authentication -> {
            String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
            return credentials.principalOf(secret).map(RegistryAuthentication::new)
                    .orElseThrow(() -> new InvalidBearerTokenException("Unknown API token"));
        };
        AuthenticationManager jwts = oidc.<AuthenticationManager>map(OidcTokens::authenticationManager)
                .orElse(authentication -> {
                    // ASCII only: Spring Security replaces a description with characters RFC 6750 does not allow
                    // in error_description (such as '…') by a bare "Invalid token".
                    throw new InvalidBearerTokenException("Not a registry API token (fcr_...), and this registry accepts "
                            + "no OpenID Connect tokens (registry.auth.oidc.issuer-uri is not set)");
                });
        // Dispatches on the token the filter has already read, rather than reading the header again.
        AuthenticationManager byKind = authentication ->
                (((BearerTokenAuthenticationToken) authentication).getToken().startsWith("fcr_") ? tokens : jwts)
                        .authenticate(authentication);
        return request -> byKind;
    }

    /** Lets the audit log hear of callers the access policy refused. */
    @Bean
    AuthorizationEventPublisher authorizationEvents(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    /** Failed sign-ins per address, counted by the bearer check and by the session's sign-in. */
    @Bean
    AuthenticationFailures authenticationFailures(AuthProperties properties) {
        return new AuthenticationFailures(properties.failuresPerMinute());
    }

    /** The CSRF token as a cookie the console's script reads (and other sites' pages cannot). */
    @Bean
    CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
        return repository;
    }

    private static boolean madeWithSessionCookie(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || "TRACE".equals(method);
        boolean signIn = "/api/v1/session".equals(request.getRequestURI());
        return !safe && !signIn && !BearerTokens.present(request) && request.getRequestedSessionId() != null;
    }

    /**
     * Reads the CSRF token from the header only: a token in the query string ({@code ?_csrf=}) would end up
     * in access logs and browser history, and request bodies are never parsed as form parameters.
     */
    private static final class HeaderOnlyCsrfHandler extends CsrfTokenRequestAttributeHandler {
        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
            return request.getHeader(csrfToken.getHeaderName());
        }
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-XSRF-TOKEN", "If-None-Match",
                    "If-Match", "Range", "If-Range"));
            configuration.setExposedHeaders(List.of("ETag", "Location", "Content-Range", "Repr-Digest",
                    "X-Checksum-SHA256", "Retry-After"));
            configuration.setMaxAge(600L);
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }
}
