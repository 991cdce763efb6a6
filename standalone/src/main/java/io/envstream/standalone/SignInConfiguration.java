package io.envstream.standalone;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The {@link SignInPage} inside the gateway's context, added by the launcher only: the plain
 * gateway app has no sign-in. Its own filter chain, ahead of the gateway's, lets {@code /signin}
 * through without a token (the gateway's chain refuses every path it does not know).
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

	static final String PATH = "/signin";

	@Bean
	RouterFunction<ServerResponse> signInRoutes(SignInPage page) {
		return RouterFunctions.route().GET(PATH, page::form).POST(PATH, page::signIn).build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain signInSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher(PATH);
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// no session or cookie to protect: a forged post could only sign a browser in under a name of the
		// forger's choosing, which the open form lets anyone do anyway
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
