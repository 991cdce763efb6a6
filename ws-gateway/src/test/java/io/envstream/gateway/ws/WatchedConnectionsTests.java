package io.envstream.gateway.ws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.EnvironmentAccess.Decision;
import io.envstream.gateway.security.Permission;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

class WatchedConnectionsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

	private static final Caller ALICE = new Caller("alice", null, false);

	private static final Caller BOB = new Caller("bob", "blue", false);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	/** What the store answers per caller (and {@code user/exec} for exec); a key missing here makes the store fail. */
	private final Map<String, Decision> answers = new ConcurrentHashMap<>();

	private final List<String> queries = new ArrayList<>();

	private final Map<String, CloseStatus> closed = new ConcurrentHashMap<>();

	private final WatchedConnections connections = new WatchedConnections((environmentId, caller, required) -> {
		this.queries.add(environmentId + "/" + caller.user());
		Decision decision = this.answers.get((required == Permission.EXEC) ? caller.user() + "/exec" : caller.user());
		if (decision == null) {
			throw new DataAccessResourceFailureException("connection refused");
		}
		return decision;
	}, this.registry);

	private void watch(String id, String environmentId, Caller caller, Instant expiresAt) {
		watch(id, environmentId, caller, Permission.READ, expiresAt);
	}

	private void watch(String id, String environmentId, Caller caller, Permission required, Instant expiresAt) {
		this.connections.watch(id, new WatchedConnections.Grant(environmentId, caller, required), expiresAt,
				(status) -> this.closed.put(id, status));
	}

	@Test
	void revokedExecClosesTheTerminalButNotTheLogsOfTheSameCaller() {
		watch("logs", "env", ALICE, NOW.plusSeconds(60));
		watch("terminal", "env", ALICE, Permission.EXEC, NOW.plusSeconds(60));
		this.answers.put("alice", Decision.ALLOWED);
		this.answers.put("alice/exec", Decision.FORBIDDEN);

		this.connections.recheck();

		assertThat(this.closed).containsOnlyKeys("terminal").containsValue(WatchedConnections.ACCESS_REVOKED);
		assertThat(this.connections.size()).isEqualTo(1);
	}

	@Test
	void closesWith4401OnlyTheConnectionsWhoseTokenExpiredByNow() {
		watch("expired", "env", ALICE, NOW.minusMillis(1));
		watch("expiring-now", "env", ALICE, NOW);
		watch("valid", "env", ALICE, NOW.plusSeconds(1));

		this.connections.closeExpired(NOW);

		assertThat(this.closed).containsOnlyKeys("expired", "expiring-now")
			.containsValue(WatchedConnections.TOKEN_EXPIRED);
		assertThat(this.connections.size()).isEqualTo(1);
	}

	@Test
	void asksOncePerCallerAndEnvironmentAndClosesOnlyTheRevokedWith4403() {
		this.answers.put("alice", Decision.ALLOWED);
		this.answers.put("bob", Decision.FORBIDDEN);
		watch("alice-logs", "env", ALICE, NOW.plusSeconds(60));
		watch("alice-status", "env", ALICE, NOW.plusSeconds(60));
		watch("bob-logs", "env", BOB, NOW.plusSeconds(60));
		watch("bob-status", "env", BOB, NOW.plusSeconds(60));

		this.connections.recheck();

		assertThat(this.queries).containsExactlyInAnyOrder("env/alice", "env/bob");
		assertThat(this.closed).containsOnlyKeys("bob-logs", "bob-status")
			.containsValue(WatchedConnections.ACCESS_REVOKED);
		assertThat(this.connections.size()).isEqualTo(2);
		assertThat(count("allowed")).isEqualTo(1);
		assertThat(count("revoked")).isEqualTo(1);
	}

	@Test
	void closesWith4404WhenTheEnvironmentIsGone() {
		this.answers.put("alice", Decision.UNKNOWN);
		watch("alice-logs", "gone", ALICE, NOW.plusSeconds(60));

		this.connections.recheck();

		assertThat(this.closed).containsEntry("alice-logs", WatchedConnections.ENVIRONMENT_GONE);
	}

	@Test
	void keepsEveryConnectionAndStopsThePassWhenTheStoreCannotAnswer() {
		watch("alice-a", "env-a", ALICE, NOW.plusSeconds(60));
		watch("alice-b", "env-b", ALICE, NOW.plusSeconds(60));
		watch("alice-c", "env-c", ALICE, NOW.plusSeconds(60));

		this.connections.recheck();

		assertThat(this.closed).isEmpty();
		assertThat(this.connections.size()).isEqualTo(3);
		assertThat(this.queries).hasSize(1);
		assertThat(count("failed")).isEqualTo(1);
	}

	@Test
	void forgetsAConnectionOnceItIsUnwatched() {
		this.answers.put("bob", Decision.FORBIDDEN);
		watch("bob-logs", "env", BOB, NOW.minusSeconds(1));
		this.connections.unwatch("bob-logs");

		this.connections.closeExpired(NOW);
		this.connections.recheck();

		assertThat(this.closed).isEmpty();
		assertThat(this.queries).isEmpty();
	}

	private double count(String outcome) {
		return this.registry.get("envstream.gateway.access.rechecks").tag("outcome", outcome).counter().count();
	}

}
