package io.envstream.gateway.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.EnvironmentAccess.Environment;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.gateway.status.StatusView;
import io.envstream.schemas.avro.EnvironmentStatus;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/environments}: the environments the caller may see (from PostgreSQL), each
 * with its latest status from this gateway's {@link StatusView} and what the caller may do in it. A status
 * reported by another host than the one the environment belongs to is not shown.
 */
@RestController
class EnvironmentsController {

	/**
	 * An environment in the list; the status fields are {@code null} while it has no state.
	 * @param labels the container's labels, as its descriptor gave them
	 * @param status as in the status endpoint's {@code status} message ({@code running}, {@code exited}, …)
	 * @param statusAt when the state was observed
	 * @param permissions what the caller may do in it: {@code read}, and {@code exec} when it may open a terminal
	 */
	record EnvironmentSummary(String id, String name, String image, String hostId, String owner, String team,
			Map<String, String> labels, String status, Integer exitCode, String health, Instant statusAt, boolean removed,
			List<String> permissions) {

		static EnvironmentSummary of(Environment environment, EnvironmentStatus status) {
			return new EnvironmentSummary(environment.id(), environment.name(), environment.image(),
					environment.hostId(), environment.owner(), environment.team(), environment.labels(),
					(status != null) ? status.getStatus().name().toLowerCase(Locale.ROOT) : null,
					(status != null) ? status.getExitCode() : null, (status != null) ? status.getHealth() : null,
					(status != null) ? Instant.ofEpochMilli(status.getTimestampMillis()) : null,
					environment.removed(),
					environment.permissions().stream().sorted().map(Permission::label).toList());
		}

	}

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	private final StatusView statuses;

	private final RestWork work;

	EnvironmentsController(TokenVerifier tokens, EnvironmentAccess access, StatusView statuses, RestWork work) {
		this.tokens = tokens;
		this.access = access;
		this.statuses = statuses;
		this.work = work;
	}

	@GetMapping("/api/v1/environments")
	CompletableFuture<List<EnvironmentSummary>> environments(@AuthenticationPrincipal Jwt jwt) {
		return this.work.supply(() -> this.access.visible(this.tokens.caller(jwt))
			.stream()
			.map((environment) -> EnvironmentSummary.of(environment, claimedStatus(environment)))
			.toList());
	}

	/** The latest state, unless another host than the one the environment belongs to reported it. */
	private EnvironmentStatus claimedStatus(Environment environment) {
		EnvironmentStatus status = this.statuses.status(environment.id());
		return (status != null && status.getHostId().equals(environment.hostId())) ? status : null;
	}

}
