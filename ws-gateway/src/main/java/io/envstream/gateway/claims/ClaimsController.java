package io.envstream.gateway.claims;

import java.util.concurrent.CompletableFuture;

import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.gateway.web.RestWork;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admin only: {@code GET /api/v1/environments/{id}/claim} shows whom an environment belongs to and the descriptors
 * refused for conflicting with that; {@code POST} with {@code {"hostId": …, "owner": …, "team": …}} moves it on
 * purpose (owner and team are optional and default to the current ones).
 */
@RestController
class ClaimsController {

	private final TokenVerifier tokens;

	private final EnvironmentClaims claims;

	private final RestWork work;

	ClaimsController(TokenVerifier tokens, EnvironmentClaims claims, RestWork work) {
		this.tokens = tokens;
		this.claims = claims;
		this.work = work;
	}

	@GetMapping("/api/v1/environments/{id}/claim")
	CompletableFuture<EnvironmentClaims.Claim> claim(@AuthenticationPrincipal Jwt jwt,
			@PathVariable("id") String environmentId) {
		admin(jwt);
		return this.work.supply(() -> this.claims.claim(environmentId).orElseThrow(() -> unknown(environmentId)));
	}

	@PostMapping("/api/v1/environments/{id}/claim")
	CompletableFuture<EnvironmentClaims.Claim> move(@AuthenticationPrincipal Jwt jwt,
			@PathVariable("id") String environmentId,
			@RequestBody(required = false) EnvironmentClaims.Move move) {
		Caller admin = admin(jwt);
		if (move == null || move.hostId() == null || move.hostId().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "hostId is required: the host to move to");
		}
		return this.work.supply(() -> {
			try {
				return this.claims.move(environmentId, move, admin.user()).orElseThrow(() -> unknown(environmentId));
			}
			catch (EnvironmentClaims.MoveFailedException ex) {
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage() + "; nothing moved");
			}
		});
	}

	private Caller admin(Jwt jwt) {
		Caller caller = this.tokens.caller(jwt);
		if (!caller.admin()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only an admin may see or move a claim");
		}
		return caller;
	}

	private static ResponseStatusException unknown(String environmentId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown environment '" + environmentId + "'");
	}

}
