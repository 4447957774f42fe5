package org.azukari.server.security;

import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.shiro.authc.pam.ModularRealmAuthenticator;
import org.apache.shiro.authz.ModularRealmAuthorizer;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.mgt.SessionsSecurityManager;
import org.apache.shiro.realm.Realm;
import org.apache.shiro.spring.web.ShiroFilterFactoryBean;
import org.apache.shiro.spring.web.config.DefaultShiroFilterChainDefinition;
import org.apache.shiro.spring.web.config.ShiroFilterChainDefinition;
import org.apache.shiro.web.filter.InvalidRequestFilter;
import org.apache.shiro.web.filter.mgt.DefaultFilter;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.servlet.Cookie;
import org.apache.shiro.web.servlet.SimpleCookie;
import org.azukari.identity.api.AccountStatuses;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.ui.signin.SignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Shiro web edge: one security manager over every {@link Realm} bean (the first realm that
 * supports the token and succeeds wins; a realm whose store is down ends it, see
 * {@link OutagePassingStrategy}), Shiro-native sessions with a cookie-only session id,
 * no remember-me, and a filter chain that refuses whatever it does not name.
 *
 * <p>The Boot starter's {@code ShiroWebFilterConfiguration} registers the servlet filter built
 * by the {@code shiroFilterFactoryBean} bean defined here. The edge's filters are plain objects,
 * not beans: a {@code Filter} bean would also be registered by Boot for every request.
 */
@Configuration(proxyBeanMethods = false)
class ShiroConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ShiroConfiguration.class);

    /**
     * The portal: residents' pages (each page then requires its own permission, see
     * {@code SignedIn}) and practitioners' emergency access.
     */
    private static final String PORTAL = "READ_OWN_RECORDS,MANAGE_OWN_DATA,REQUEST_RELEASE";

    /** Path → filters, first match wins; the last line refuses everything else. */
    static final Map<String, String> CHAIN = chain();

    private static Map<String, String> chain() {
        Map<String, String> chain = new LinkedHashMap<>();
        // anonymous
        chain.put("/", "anon");
        chain.put("/actuator/health", "anon");
        chain.put("/fhir/metadata", "anon");
        chain.put("/fhir/.well-known/smart-configuration", "anon");
        chain.put("/.well-known/azukari-receipt-keys", "anon");
        chain.put("/oauth/token", "noSessionCreation, anon");
        chain.put("/signin", "csrf[session]");
        // sign-in through a provider: the request remembered in the (pre-sign-in) session
        chain.put("/signin/oidc/*", "csrf[session]");
        chain.put("/signin/oidc/*/callback", "csrf[session]");
        chain.put("/error", "anon");
        chain.put("/assets/**", "anon");
        chain.put("/privacy", "csrf");
        // systems: bearer tokens, stateless
        chain.put("/fhir/**", "bearer");
        chain.put("/api/system/**", "bearer");
        // people: sessions, let in by a permission of the vocabulary (any one named)
        chain.put("/api/operator/**", "personApi[ADMINISTER_REGISTRY], csrf");
        chain.put("/api/audit/**", "personApi[READ_ACCESS_LOG], csrf");
        chain.put("/clinic", "personPage[REQUEST_RELEASE], csrf");
        chain.put("/clinic/**", "personPage[REQUEST_RELEASE], csrf");
        chain.put("/operator", "personPage[ADMINISTER_REGISTRY], csrf");
        chain.put("/operator/**", "personPage[ADMINISTER_REGISTRY], csrf");
        chain.put("/audit", "personPage[READ_ACCESS_LOG], csrf");
        chain.put("/audit/**", "personPage[READ_ACCESS_LOG], csrf");
        // actions that need card-level assurance (AssuranceRule): below it, the step-up page
        chain.put("/portal/my-data/records.json", "personPage[MANAGE_OWN_DATA], csrf, assurance[DOWNLOAD_EVERYTHING]");
        chain.put("/portal/my-data/erase", "personPage[MANAGE_OWN_DATA], csrf, assurance[ERASE]");
        chain.put("/portal", "personPage[" + PORTAL + "], csrf");
        chain.put("/portal/**", "personPage[" + PORTAL + "], csrf");
        chain.put("/signout", "csrf");
        // deny by default
        chain.put("/**", "deny");
        return chain;
    }

    @Bean
    SessionsSecurityManager securityManager(SecuritySettings settings) {
        DefaultWebSecurityManager manager = new DefaultWebSecurityManager();

        ModularRealmAuthenticator authenticator = new ModularRealmAuthenticator();
        authenticator.setAuthenticationStrategy(new OutagePassingStrategy());
        manager.setAuthenticator(authenticator);
        manager.setAuthorizer(new ModularRealmAuthorizer());

        manager.setRememberMeManager(null);

        CookieOnlySessionManager sessions = new CookieOnlySessionManager();
        sessions.setGlobalSessionTimeout(settings.sessionIdleTimeout().toMillis());
        sessions.setSessionValidationInterval(Math.min(settings.sessionIdleTimeout().toMillis(), 5 * 60_000L));
        sessions.setDeleteInvalidSessions(true);
        sessions.setSessionIdUrlRewritingEnabled(false);
        sessions.setSessionIdCookieEnabled(true);
        sessions.setSessionIdCookie(sessionCookie(settings));
        manager.setSessionManager(sessions);
        return manager;
    }

    /**
     * Hands the {@link Realm} beans to the security manager once every singleton exists. The
     * filter factory is a bean post-processor, so everything it needs is created before the
     * other post-processors are in place; taking the realms (and their data sources and
     * transactional services) late keeps them fully processed.
     */
    @Bean
    SmartInitializingSingleton realmBinding(ObjectProvider<Realm> realmBeans, SessionsSecurityManager securityManager) {
        return () -> {
            List<Realm> realms = realmBeans.orderedStream().toList();
            if (realms.isEmpty()) {
                // fail closed: with no realm every sign-in and every token is refused
                log.warn("no Shiro realm configured: every sign-in and bearer token will be refused");
                return;
            }
            securityManager.setRealms(realms);
            String names = String.join(", ", realms.stream().map(Realm::getName).toList());
            log.info("Shiro realms: {}", names);
        };
    }

    static Cookie sessionCookie(SecuritySettings settings) {
        SimpleCookie cookie = new SimpleCookie(settings.sessionCookieName());
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.secureCookies());
        cookie.setSameSite(Cookie.SameSiteOptions.LAX);
        cookie.setPath("/");
        cookie.setMaxAge(-1);
        return cookie;
    }

    @Bean
    Refusals refusals(ObjectProvider<SecurityEvents> events) {
        // a plain clock, not a Clock bean: another module's Clock bean would make injection ambiguous
        return new Refusals(events, Clock.systemUTC());
    }

    @Bean
    ShiroFilterChainDefinition shiroFilterChainDefinition() {
        DefaultShiroFilterChainDefinition definition = new DefaultShiroFilterChainDefinition();
        definition.addPathDefinitions(CHAIN);
        return definition;
    }

    @Bean
    ShiroFilterFactoryBean shiroFilterFactoryBean(SecurityManager securityManager,
                                                  ShiroFilterChainDefinition shiroFilterChainDefinition,
                                                  Refusals refusals,
                                                  ObjectProvider<AccountStatuses> accountStatuses) {
        ShiroFilterFactoryBean factory = new ShiroFilterFactoryBean();
        factory.setSecurityManager(securityManager);
        factory.setLoginUrl("/signin");
        factory.setSuccessUrl("/portal");

        Map<String, Filter> filters = new LinkedHashMap<>();
        filters.put(DefaultFilter.invalidRequest.name(), strictInvalidRequestFilter());
        filters.put("bearer", new BearerTokenFilter(securityManager, refusals));
        filters.put("personApi", new PersonFilter(refusals, PersonFilter.WhenSignedOut.ANSWER_401,
                accountStatuses));
        filters.put("personPage", new PersonFilter(refusals,
                PersonFilter.WhenSignedOut.REDIRECT_TO_SIGN_IN, accountStatuses));
        filters.put("csrf", new CsrfFilter(refusals));
        filters.put("assurance", new AssuranceFilter());
        filters.put("deny", new DenyFilter(refusals));
        factory.setFilters(filters);
        factory.setGlobalFilters(List.of(DefaultFilter.invalidRequest.name()));
        factory.setFilterChainDefinitionMap(shiroFilterChainDefinition.getFilterChainMap());
        return factory;
    }

    /** Shiro's request screen with every check on: {@code ;}, {@code \}, non-ASCII, traversal, encoded {@code .} and {@code /}. */
    static InvalidRequestFilter strictInvalidRequestFilter() {
        InvalidRequestFilter filter = new InvalidRequestFilter();
        filter.setBlockSemicolon(true);
        filter.setBlockBackslash(true);
        filter.setBlockNonAscii(true);
        filter.setBlockTraversal(true);
        filter.setBlockEncodedPeriod(true);
        filter.setBlockEncodedForwardSlash(true);
        filter.setBlockRewriteTraversal(true);
        return filter;
    }

    /** Registered here rather than as a {@code Filter} bean, which the Shiro filter factory would also adopt. */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(SecuritySettings settings) {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter(settings.secureCookies()));
        registration.setName("securityHeaders");
        registration.addUrlPatterns("/*");
        registration.setOrder(0); // before Shiro (1), so refusals carry the headers too
        return registration;
    }

    @Bean
    SignIn signIn(SecurityManager securityManager) {
        return new ShiroSignIn(securityManager);
    }
}
