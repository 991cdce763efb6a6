package io.envstream.issuer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims the gateway reads, in every access token: {@code sub} (the user, or the program's
 * subject), {@code aud} (the gateway's audience instead of the client id), {@code team}, and
 * {@code scope} as one space-separated string (RFC 9068) with the admin scope for an admin.
 */
@Component
class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String TEAM = "team";

	static final String SCOPE = "scope";

	private final IssuerProperties properties;

	AccessTokenClaims(IssuerProperties properties) {
		this.properties = properties;
	}

	/** Whom a token names, as the gateway will see it. */
	record Identity(String subject, String team, boolean admin) {
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		Identity identity = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				? program(context.getRegisteredClient().getClientId()) : user(context.getPrincipal().getName());
		apply(identity, context.getAuthorizedScopes(), context.getClaims());
	}

	void apply(Identity identity, Set<String> authorizedScopes, JwtClaimsSet.Builder claims) {
		Set<String> scopes = new LinkedHashSet<>(authorizedScopes);
		if (identity.admin()) {
			scopes.add(this.properties.adminScope());
		}
		claims.subject(identity.subject()).audience(List.of(this.properties.audience()));
		claims.claims((all) -> {
			all.remove(SCOPE);
			all.remove(TEAM);
			if (!scopes.isEmpty()) {
				all.put(SCOPE, String.join(" ", scopes));
			}
			if (identity.team() != null && !identity.team().isBlank()) {
				all.put(TEAM, identity.team());
			}
		});
	}

	private Identity user(String name) {
		IssuerProperties.User user = this.properties.users().get(name);
		return (user != null) ? new Identity(name, user.team(), user.admin()) : new Identity(name, null, false);
	}

	private Identity program(String clientId) {
		IssuerProperties.Program program = this.properties.programs().get(clientId);
		String subject = (program.subject() != null && !program.subject().isBlank()) ? program.subject() : clientId;
		return new Identity(subject, program.team(), program.admin());
	}

}
