package io.envstream.gateway.web;

import java.util.List;

import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.EnvironmentAccess.Environment;
import io.envstream.gateway.security.TokenVerifier;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/environments}: the environments the caller may see, with their latest status. */
@RestController
class EnvironmentsController {

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	EnvironmentsController(TokenVerifier tokens, EnvironmentAccess access) {
		this.tokens = tokens;
		this.access = access;
	}

	@GetMapping("/api/v1/environments")
	List<Environment> environments(@AuthenticationPrincipal Jwt jwt) {
		return this.access.visible(this.tokens.caller(jwt));
	}

}
