package io.envstream.gateway.security;

import java.util.Set;

/**
 * Who is calling, from a verified token.
 * @param user the {@code sub} claim
 * @param team the {@code team} claim, or {@code null}
 * @param admin whether the token carries the admin scope
 */
public record Caller(String user, String team, boolean admin) {

	static Caller of(org.springframework.security.oauth2.jwt.Jwt jwt, String adminScope) {
		String scope = jwt.getClaimAsString("scope");
		Set<String> scopes = (scope == null) ? Set.of() : Set.of(scope.trim().split("\\s+"));
		return new Caller(jwt.getSubject(), jwt.getClaimAsString("team"), scopes.contains(adminScope));
	}

}
