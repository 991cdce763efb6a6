package io.envstream.gateway.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. REST under {@code /api/v1} needs a bearer JWT; the WebSocket upgrades are
 * let through because PROTOCOL.md wants the upgrade to succeed and the server then to close with
 * 4401, so their handler checks the token itself with the same {@link TokenVerifier}. The web
 * UI's static files (the web-ui jar's {@code META-INF/resources}) are public: the page holds no
 * data and asks for a token before it calls the API; so is {@code GET /api/v1/sign-in}, which
 * tells the page where to get one.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.requestMatchers("/api/v1/ws/**", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.ico", "/api/v1/sign-in")
			.permitAll()
			.requestMatchers("/api/v1/**")
			.authenticated()
			.anyRequest()
			.denyAll());
		http.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		// the web UI renews its token in a hidden frame of its own page (OpenID Connect prompt=none); other sites may
		// still not frame it
		http.headers((headers) -> headers.frameOptions((options) -> options.sameOrigin()));
		return http.build();
	}

	/**
	 * Spring Security's own observations off. On every WebSocket upgrade they observed each filter of the chain
	 * and the authorization, looking a counter up per filter: with Micrometer's handlers, about a tenth of the CPU
	 * samples of a handshake while 10k connections opened (JFR, ConnectionChurnBenchmark), and a reconnect storm
	 * is handshakes. Nothing reads them; the gateway's own meters and {@code http.server.requests} stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Before every other filter, so nothing downstream sees or logs {@code ?token=}. */
	@Bean
	static FilterRegistrationBean<TokenQueryFilter> tokenQueryFilter() {
		FilterRegistrationBean<TokenQueryFilter> registration = new FilterRegistrationBean<>(new TokenQueryFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/api/v1/ws/*");
		return registration;
	}

}
