package io.envstream.issuer;

import java.net.URI;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The OpenID Connect endpoints (discovery, authorize, token, JWK set, userinfo, end session) and
 * the login form. The web UI runs on another origin: its redirect URIs' origins may call the
 * endpoints from the page (CORS) and frame the authorize endpoint, which is how the UI renews its
 * token silently ({@code prompt=none} in a hidden frame, answered from the issuer's session)
 * since Spring Authorization Server gives a public client no refresh token. The login form itself
 * may not be framed. The signing key is Spring Boot's default: an RSA key made at start, so a
 * restart signs with a new key (gateways fetch the JWK set again for an unknown key id).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, IssuerProperties properties) {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		});
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		// a browser that is not signed in goes to the login form; an API caller gets 401
		http.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
				new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		http.cors(Customizer.withDefaults());
		http.headers((headers) -> headers.frameOptions((options) -> options.disable())
			.contentSecurityPolicy((policy) -> policy
				.policyDirectives("frame-ancestors 'self' " + String.join(" ", webOrigins(properties)))));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain signIn(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health/**", "/actuator/info")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.url().toString().replaceAll("/+$", "")).build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(IssuerProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(webOrigins(properties));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("*"));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	/** The origins of the web UI's redirect URIs, e.g. {@code http://localhost:8080}. */
	static List<String> webOrigins(IssuerProperties properties) {
		return properties.web()
			.redirectUris()
			.stream()
			.map((uri) -> URI.create(uri.getScheme() + "://" + uri.getRawAuthority()).toString())
			.distinct()
			.toList();
	}

}
