package io.envstream.issuer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The demo users and the registered clients, from {@link IssuerProperties}, held in memory. */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService users(IssuerProperties properties, PasswordEncoder encoder) {
		return new InMemoryUserDetailsManager(properties.users()
			.entrySet()
			.stream()
			.map((user) -> User.withUsername(user.getKey())
				.password(encoder.encode(user.getValue().password()))
				.roles("USER")
				.build())
			.toList());
	}

	@Bean
	RegisteredClientRepository registeredClients(IssuerProperties properties, PasswordEncoder encoder) {
		TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenLifetime()).build();
		List<RegisteredClient> clients = new ArrayList<>();
		IssuerProperties.Web web = properties.web();
		clients.add(RegisteredClient.withId("web")
			.clientId(web.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris((uris) -> web.redirectUris().forEach((uri) -> uris.add(uri.toString())))
			.postLogoutRedirectUris((uris) -> web.redirectUris().forEach((uri) -> uris.add(uri.toString())))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build());
		for (Map.Entry<String, IssuerProperties.Program> program : properties.programs().entrySet()) {
			clients.add(RegisteredClient.withId("program:" + program.getKey())
				.clientId(program.getKey())
				.clientSecret(encoder.encode(program.getValue().secret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenSettings(tokens)
				.build());
		}
		return new InMemoryRegisteredClientRepository(clients);
	}

}
