package io.envstream.gateway.alerts;

import java.util.concurrent.CompletableFuture;

import io.envstream.gateway.security.TokenVerifier;
import io.envstream.gateway.web.RestWork;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admin only: {@code GET /api/v1/alerts/rules}, the alerts app's rules as it lists them, read through the gateway so
 * that the web UI needs no way to the alerts app's internal port (which has no authentication of its own).
 */
@RestController
class AlertRulesController {

	private final TokenVerifier tokens;

	private final AlertRules rules;

	private final RestWork work;

	AlertRulesController(TokenVerifier tokens, AlertRules rules, RestWork work) {
		this.tokens = tokens;
		this.rules = rules;
		this.work = work;
	}

	@GetMapping("/api/v1/alerts/rules")
	CompletableFuture<ResponseEntity<String>> rules(@AuthenticationPrincipal Jwt jwt) {
		if (!this.tokens.caller(jwt).admin()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only an admin may see the alert rules");
		}
		return this.work.supply(() -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.rules.list()));
	}

}
