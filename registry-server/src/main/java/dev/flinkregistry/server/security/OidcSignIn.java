package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The console's sign-in through the OpenID Connect provider: the authorization code flow with PKCE
 * at {@code /oauth2/authorization/registry}. Once the provider sends the browser back, the session
 * remembers the user's name and groups (never a token of the provider's), and every request made
 * with it gets the roles those give at that moment, as a bearer JWT would.
 */
@Component
@ConditionalOnExpression("'${registry.auth.oidc.client-id:}' != ''")
class OidcSignIn {

    static final String START = "/oauth2/authorization/" + OidcSignIn.REGISTRATION;
    static final String USER_ATTRIBUTE = OidcSignIn.class.getName() + ".user";
    private static final String REGISTRATION = "registry";

    /** Who signed in through the provider, as the session keeps it. */
    record SignedInUser(String name, List<String> groups) implements Serializable {}

    private final AuthProperties.Oidc settings;
    private final OidcPrincipals principals;
    private final Supplier<ClientRegistration> registration;

    OidcSignIn(AuthProperties properties, MembershipDirectory memberships) {
        this.settings = properties.oidc();
        this.principals = new OidcPrincipals(settings, memberships);
        // The provider's endpoints are read from its discovery document when a browser first signs in,
        // so that the registry starts while the provider is down.
        this.registration = SingletonSupplier.of(() -> ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                .registrationId(REGISTRATION)
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .clientAuthenticationMethod(settings.clientSecret() == null ? ClientAuthenticationMethod.NONE
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .scope(settings.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .userNameAttributeName("sub")
                .build());
    }

    /** Adds the sign-in to the filter chain. */
    void configure(HttpSecurity http) throws Exception {
        ClientRegistrationRepository repository = id -> REGISTRATION.equals(id) ? registration.get() : null;
        DefaultOAuth2AuthorizationRequestResolver requests =
                new DefaultOAuth2AuthorizationRequestResolver(repository, "/oauth2/authorization");
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(login -> login
                .clientRegistrationRepository(repository)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(checkedUsers()))
                // The session keeps the user, not Spring's authentication object (see SessionAuthenticationFilter).
                .securityContextRepository(new RequestAttributeSecurityContextRepository())
                .successHandler((request, response, authentication) -> {
                    signedIn(request, (OidcUser) authentication.getPrincipal());
                    response.sendRedirect(request.getContextPath() + "/");
                }));
    }

    /** Loads the user as Spring does, then refuses names the registry keeps for others (before any session). */
    private OAuth2UserService<OidcUserRequest, OidcUser> checkedUsers() {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            principals.nameOf(user.getClaims());
            return user;
        };
    }

    /** The principal of a session that signed in through the provider, with today's roles. */
    RegistryAuthentication principalOf(SignedInUser user) {
        return principals.principal(user.name(), user.groups());
    }

    private void signedIn(HttpServletRequest request, OidcUser user) {
        Map<String, Object> claims = user.getClaims();
        request.changeSessionId();
        HttpSession session = request.getSession(true);
        session.removeAttribute(SessionController.TOKEN_ATTRIBUTE);
        session.setAttribute(USER_ATTRIBUTE, new SignedInUser(principals.nameOf(claims),
                OidcPrincipals.groups(claims.get(settings.groupsClaim()))));
    }
}
