package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two gateway replicas sharing the broker and PostgreSQL: limits hold across them, clients resume on either. */
class LogsReplicasIntegrationTests {

	private static final String[] SETTINGS = { "--envstream.gateway.max-connections-per-user=3",
			"--envstream.gateway.max-connections-per-environment=4", "--envstream.gateway.connect-rate-burst=6",
			"--envstream.gateway.connect-rate-per-second=0.05", "--envstream.gateway.heartbeat-interval=300ms",
			"--envstream.gateway.heartbeat-timeout=1500ms" };

	private static GatewayInstance a;

	private static GatewayInstance b;

	private static Environments environments;

	@BeforeAll
	static void start() {
		a = GatewayInstance.start(SETTINGS);
		b = GatewayInstance.start(SETTINGS);
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		a.close();
		b.close();
	}

	private static String newEnvironment(String prefix, String owner, String team) {
		String id = Environments.newId(prefix);
		environments.create(id, owner, team);
		return id;
	}

	private static WsClient open(GatewayInstance gateway, String environment, String token, String query) {
		WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + token + ((query == null) ? "" : "&" + query)));
		await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
		return client;
	}

	private static void closeAll(List<WsClient> clients) {
		clients.forEach(WsClient::close);
	}

	@Test
	void limitsConnectionsPerUserAcrossReplicas() throws Exception {
		String user = Environments.newId("user");
		List<WsClient> clients = new ArrayList<>();
		try {
			for (GatewayInstance gateway : new GatewayInstance[] { a, b, a }) {
				WsClient client = open(gateway, newEnvironment("per-user", user, null), JWT.token(user), "tail=0");
				assertThat(client.closed).isNotDone();
				clients.add(client);
			}
			WsClient fourth = open(b, newEnvironment("per-user", user, null), JWT.token(user), "tail=0");
			Close close = fourth.awaitClose();
			assertThat(close.code()).isEqualTo(4429);
			assertThat(close.reason()).contains("user");
			// a closed connection frees its lease at once
			clients.remove(0).close();
			await().untilAsserted(() -> {
				WsClient again = open(b, newEnvironment("per-user", user, null), JWT.token(user), "tail=0");
				assertThat(again.closed).isNotDone();
				clients.add(again);
			});
		}
		finally {
			closeAll(clients);
		}
	}

	@Test
	void limitsConnectionsPerEnvironmentAcrossReplicas() throws Exception {
		String environment = newEnvironment("per-env", "owner", "crowd");
		List<WsClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				WsClient client = open((i % 2 == 0) ? a : b, environment, JWT.token("member-" + i, "crowd"), "tail=0");
				assertThat(client.closed).isNotDone();
				clients.add(client);
			}
			Close close = open(a, environment, JWT.token("member-5", "crowd"), "tail=0").awaitClose();
			assertThat(close.code()).isEqualTo(4429);
			assertThat(close.reason()).contains("environment");
		}
		finally {
			closeAll(clients);
		}
	}

	@Test
	void limitsTheConnectRatePerUserAcrossReplicas() throws Exception {
		String user = Environments.newId("eager");
		String environment = newEnvironment("rate", user, null);
		for (int i = 0; i < 6; i++) {
			try (WsClient client = open((i % 2 == 0) ? a : b, environment, JWT.token(user), "tail=0")) {
				assertThat(client.closed).isNotDone();
			}
		}
		Close close = open(b, environment, JWT.token(user), "tail=0").awaitClose();
		assertThat(close.code()).isEqualTo(4429);
		assertThat(close.reason()).contains("rate");
	}

	@Test
	void connectRateIsCheckedBeforeAccessSoAProberOverTheRateLearnsNothing() throws Exception {
		String prober = Environments.newId("prober");
		String environment = newEnvironment("not-theirs", "someone-else", null);
		for (int i = 0; i < 6; i++) {
			Close close = open((i % 2 == 0) ? a : b, environment, JWT.token(prober), "tail=0").awaitClose();
			assertThat(close.code()).isEqualTo(4403);
		}
		Close close = open(b, environment, JWT.token(prober), "tail=0").awaitClose();
		assertThat(close.code()).isEqualTo(4429);
		assertThat(close.reason()).contains("rate");
	}

	@Test
	void closesAClientThatIgnoresPingsAndKeepsOneThatAnswers() throws Exception {
		String environment = newEnvironment("heartbeat", "hb", null);
		try (WsClient answering = open(a, environment, JWT.token("hb"), "tail=0");
				SilentWebSocket silent = new SilentWebSocket(a.logsUrl(environment, "token=" + JWT.token("hb")))) {
			int[] closeAndPings = silent.awaitCloseCountingPings();
			assertThat(closeAndPings[0]).isEqualTo(1000);
			assertThat(closeAndPings[1]).isGreaterThanOrEqualTo(2);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !answering.closed.isDone());
		}
	}

	@Test
	void resumesOnAnotherReplicaWithoutGapOrDuplicateWhenOneShutsDown() throws Exception {
		// given: a client streaming from a replica that will shut down, while lines keep coming
		String environment = newEnvironment("failover", "fo", null);
		GatewayInstance doomed = GatewayInstance.start(SETTINGS);
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<?> writes = writer.submit(() -> {
			while (writing.get()) {
				environments.write(environment, Stream.STDOUT, 5);
			}
		});
		try {
			WsClient first = open(doomed, environment, JWT.token("fo"), "tail=0");
			await().until(() -> first.seqs().size() > 100);
			// when: the replica shuts down and the client resumes on the other one with its last cursor
			doomed.close();
			Close close = first.awaitClose();
			assertThat(close.code()).isEqualTo(1001);
			List<Long> seqs = new ArrayList<>(first.seqs());
			try (WsClient second = open(b, environment, JWT.token("fo"), "resume=" + first.lastCursor())) {
				await().until(() -> second.seqs().size() > 100);
				writing.set(false);
				writes.get();
				long last = environments.lastSeq(environment);
				await().until(() -> seqs.size() + second.seqs().size() >= last - seqs.get(0) + 1);
				seqs.addAll(second.seqs());
				// then: every line from the first one received, once, in order
				assertThat(seqs).isEqualTo(LongStream.rangeClosed(seqs.get(0), last).boxed().toList());
				assertThat(second.violations).isEmpty();
			}
		}
		finally {
			writing.set(false);
			writer.shutdownNow();
		}
	}

}
