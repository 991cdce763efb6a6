package io.envstream.gateway.activity;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.gateway.web.RestWork;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/environments/{id}/activity?from&to&step}: per step, lines by stream, error- and
 * warning-looking lines and restarts, for whoever may read the environment's logs.
 */
@RestController
class ActivityController {

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	private final ActivityStore store;

	private final RestWork work;

	private final Clock clock = Clock.systemUTC();

	ActivityController(TokenVerifier tokens, EnvironmentAccess access, ActivityStore store, RestWork work) {
		this.tokens = tokens;
		this.access = access;
		this.store = store;
		this.work = work;
	}

	@GetMapping("/api/v1/environments/{id}/activity")
	CompletableFuture<Activity> activity(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String step) {
		return this.work.supply(() -> {
			this.access.requireRead(id, this.tokens.caller(jwt));
			ActivityRange range;
			try {
				range = ActivityRange.parse(from, to, step, this.clock.instant());
			}
			catch (IllegalArgumentException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
			}
			return this.store.read(id, range);
		});
	}

}
