package io.envstream.gateway.security;

import java.util.List;
import java.util.Map;

import io.envstream.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a token's claims become a {@link Caller}, as the claim mapping of each provider says. */
class CallerTests {

	private static GatewayProperties.Jwt mapping(String teamClaim, String rolesClaim, String adminRole) {
		return new GatewayProperties.Jwt("https://issuer.test", "envstream", null, null, "envstream:admin", teamClaim,
				rolesClaim, adminRole);
	}

	private static final GatewayProperties.Jwt DEFAULTS = mapping("team", "roles", null);

	@Test
	void readsTheTeamClaimAndTheAdminScopeFromASpaceSeparatedScope() {
		Caller caller = Caller.of("ann", Map.of("team", "payments", "scope", "openid envstream:admin"), DEFAULTS);
		assertThat(caller).isEqualTo(new Caller("ann", "payments", true));
	}

	@Test
	void isNoAdminWithoutTheAdminScopeAndNoTeamWithoutTheClaim() {
		assertThat(Caller.of("bob", Map.of("scope", "openid envstream:adminx"), DEFAULTS))
			.isEqualTo(new Caller("bob", null, false));
	}

	@Test
	void readsTheAdminScopeFromAnOktaScpList() {
		assertThat(Caller.of("ann", Map.of("scp", List.of("openid", "envstream:admin")), DEFAULTS).admin()).isTrue();
	}

	@Test
	void readsTheTeamFromANestedPathAndTheAdminFromKeycloakRealmRoles() {
		Map<String, Object> claims = Map.of("envstream", Map.of("team", "web"), "realm_access",
				Map.of("roles", List.of("offline_access", "envstream-admin")));
		Caller caller = Caller.of("kc-user", claims, mapping("envstream.team", "realm_access.roles", "envstream-admin"));
		assertThat(caller).isEqualTo(new Caller("kc-user", "web", true));
	}

	@Test
	void readsTheAdminFromEntraRolesAndTheFirstOfAListOfTeams() {
		Map<String, Object> claims = Map.of("roles", List.of("Envstream.Admin"), "groups", List.of("payments", "web"));
		Caller caller = Caller.of("oid-1", claims, mapping("groups", "roles", "Envstream.Admin"));
		assertThat(caller).isEqualTo(new Caller("oid-1", "payments", true));
	}

	@Test
	void grantsNothingForARoleWhenNoAdminRoleIsConfigured() {
		assertThat(Caller.of("x", Map.of("roles", List.of("envstream:admin")), DEFAULTS).admin()).isFalse();
	}

	@Test
	void prefersAClaimNamedWithDotsOverAPath() {
		Map<String, Object> claims = Map.of("https://envstream.io/team", "payments");
		assertThat(Caller.of("x", claims, mapping("https://envstream.io/team", "roles", null)).team())
			.isEqualTo("payments");
	}

	@Test
	void findsNothingWhereThePathMeetsAValueThatIsNoObject() {
		assertThat(Caller.claim(Map.of("realm_access", "flat"), "realm_access.roles")).isNull();
		assertThat(Caller.claim(Map.of(), "team")).isNull();
	}

}
