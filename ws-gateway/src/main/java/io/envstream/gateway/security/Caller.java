package io.envstream.gateway.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.envstream.gateway.GatewayProperties;

/**
 * Who is calling, from a verified token.
 * @param user the {@code sub} claim
 * @param team the team claim ({@code envstream.gateway.jwt.team-claim}), or {@code null}
 * @param admin whether the token carries the admin scope or the admin role
 */
public record Caller(String user, String team, boolean admin) {

	static Caller of(org.springframework.security.oauth2.jwt.Jwt jwt, GatewayProperties.Jwt mapping) {
		return of(jwt.getSubject(), jwt.getClaims(), mapping);
	}

	/**
	 * The caller as {@code mapping} says where the team and the admin right are: the admin scope
	 * in {@code scope} (Keycloak, Spring Authorization Server) or {@code scp} (Okta, Entra ID), or
	 * the admin role in the roles claim (Entra ID {@code roles}, Keycloak {@code realm_access.roles}).
	 */
	static Caller of(String subject, Map<String, Object> claims, GatewayProperties.Jwt mapping) {
		List<String> teams = strings(claim(claims, mapping.teamClaim()));
		boolean adminScope = strings(claims.get("scope")).contains(mapping.adminScope())
				|| strings(claims.get("scp")).contains(mapping.adminScope());
		boolean adminRole = mapping.adminRole() != null && !mapping.adminRole().isBlank()
				&& strings(claim(claims, mapping.rolesClaim())).contains(mapping.adminRole());
		return new Caller(subject, teams.isEmpty() ? null : teams.get(0), adminScope || adminRole);
	}

	/**
	 * The claim of that name, else the value at that dotted path through nested objects, else
	 * {@code null}.
	 */
	static Object claim(Map<String, ?> claims, String path) {
		if (claims.containsKey(path)) {
			return claims.get(path);
		}
		Object value = claims;
		for (String name : path.split("\\.")) {
			if (!(value instanceof Map<?, ?> object)) {
				return null;
			}
			value = object.get(name);
		}
		return value;
	}

	/** A string (split on blanks, as {@code scope} is) or a list of them, in order, without blanks. */
	static List<String> strings(Object value) {
		Set<String> strings = new LinkedHashSet<>();
		if (value instanceof String text) {
			strings.addAll(List.of(text.trim().split("\\s+")));
		}
		else if (value instanceof Collection<?> values) {
			values.stream().filter(String.class::isInstance).map(String.class::cast).map(String::trim).forEach(strings::add);
		}
		strings.remove("");
		return List.copyOf(strings);
	}

}
