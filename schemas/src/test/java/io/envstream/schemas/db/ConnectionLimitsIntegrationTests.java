package io.envstream.schemas.db;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL functions behind the cluster-wide connection limits, against a real PostgreSQL server.
 */
class ConnectionLimitsIntegrationTests {

	private static final String ACQUIRE = "SELECT envstream_try_acquire_connection_lease(?::uuid, ?, ?, 'logs', "
			+ "'gw-1', interval '30 seconds', 2, 3)";

	private static final String TAKE_TOKEN = "SELECT envstream_take_connect_token(?, 3, 0.001)";

	private static EmbeddedPostgres postgres;

	private MigratedDatabase db;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@BeforeEach
	void migrateFreshDatabase() throws SQLException {
		this.db = MigratedDatabase.create(postgres);
	}

	@Test
	void acquiresLeasesUpToTheLimitPerUser() throws SQLException {
		assertThat(acquire("alice", "env-a")).isNull();
		assertThat(acquire("alice", "env-b")).isNull();

		assertThat(acquire("alice", "env-c")).isEqualTo("user");
		assertThat(acquire("bob", "env-c")).isNull();
		assertThat(this.db.number("SELECT count(*) FROM connection_leases WHERE user_id = 'alice'")).isEqualTo(2);
	}

	@Test
	void acquiresLeasesUpToTheLimitPerEnvironment() throws SQLException {
		assertThat(acquire("alice", "env-a")).isNull();
		assertThat(acquire("bob", "env-a")).isNull();
		assertThat(acquire("carol", "env-a")).isNull();

		assertThat(acquire("dave", "env-a")).isEqualTo("environment");
		assertThat(acquire("dave", "env-b")).isNull();
	}

	@Test
	void holdsTheLimitsWhenGatewaysAcquireConcurrently() throws Exception {
		ExecutorService gateways = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> attempts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				attempts.add(() -> acquire("alice", "env-a"));
			}
			List<String> outcomes = new ArrayList<>();
			for (Future<String> outcome : gateways.invokeAll(attempts)) {
				outcomes.add(outcome.get());
			}

			assertThat(outcomes).filteredOn(Objects::isNull).hasSize(2);
			assertThat(outcomes).filteredOn("user"::equals).hasSize(14);
		}
		finally {
			gateways.shutdownNow();
		}
	}

	@Test
	void expiredLeasesNeitherCountNorSurviveASweep() throws SQLException {
		this.db.update("INSERT INTO connection_leases (lease_id, user_id, environment_id, endpoint, gateway_id, "
				+ "acquired_at, expires_at) SELECT gen_random_uuid(), 'alice', 'env-a', 'terminal', 'dead-gw', "
				+ "now() - interval '2 minutes', now() - interval '1 minute' FROM generate_series(1, 5)");

		assertThat(acquire("alice", "env-a")).isNull();
		assertThat(acquire("alice", "env-a")).isNull();
		assertThat(this.db.number("SELECT envstream_sweep_connection_leases()")).isEqualTo(5);
		assertThat(this.db.strings("SELECT DISTINCT gateway_id FROM connection_leases")).containsExactly("gw-1");
	}

	@Test
	void takesConnectTokensUntilTheUsersBucketIsEmpty() throws SQLException {
		assertThat(takeToken("alice")).isTrue();
		assertThat(takeToken("alice")).isTrue();
		assertThat(takeToken("alice")).isTrue();

		assertThat(takeToken("alice")).isFalse();
		assertThat(takeToken("bob")).isTrue();
	}

	@Test
	void refillsAUsersBucketWithTime() throws SQLException {
		this.db.update("INSERT INTO connect_rate_buckets (user_id, tokens, refilled_at) "
				+ "VALUES ('alice', 0, now() - interval '30 minutes')");

		assertThat(this.db.string("SELECT envstream_take_connect_token('alice', 3, 0.001)")).isEqualTo("t");
		assertThat(this.db.string("SELECT round(tokens::numeric, 1) FROM connect_rate_buckets")).isEqualTo("0.8");
	}

	private String acquire(String user, String environment) throws SQLException {
		return this.db.string(ACQUIRE, UUID.randomUUID().toString(), user, environment);
	}

	private boolean takeToken(String user) throws SQLException {
		return "t".equals(this.db.string(TAKE_TOKEN, user));
	}

}
