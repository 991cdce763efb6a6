package io.envstream.gateway.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Replay as live: the original gaps between lines divided by the speed, seek, speed changes, the
 * hand-over to live and the end at {@code until}, from PostgreSQL and then Kafka, against a real
 * broker and PostgreSQL.
 */
class ReplayIntegrationTests {

	/** The gaps a client should see between the bursts of the recorded pattern, at any speed. */
	private static final long[] RECEIVED_GAPS_MS = { 800, 1600, 1000, 1200 };

	private static final int BURST_LINES = 3;

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	private static String newEnvironment(String prefix) {
		String id = Environments.newId(prefix);
		environments.create(id, "alice", "red");
		return id;
	}

	private static WsClient connect(String environment, String query) {
		return WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice") + "&" + query));
	}

	private static List<Long> range(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

	/** Writes bursts at {@code start} plus the gaps; the first {@code stored} bursts also in PostgreSQL. */
	private static List<Written> bursts(String environment, Instant start, long[] gapsMs, int stored) {
		List<Written> written = new ArrayList<>();
		Instant at = start;
		for (int i = 0; i <= gapsMs.length; i++) {
			Written burst = environments.writeAt(environment, Stream.STDOUT, BURST_LINES, at);
			if (i < stored) {
				environments.persist(burst);
			}
			written.add(burst);
			at = (i < gapsMs.length) ? at.plusMillis(gapsMs[i]) : at;
		}
		environments.awaitVisible(written.get(written.size() - 1));
		return written;
	}

	@ParameterizedTest(name = "speed {0}")
	@ValueSource(doubles = { 1, 10, 0.5 })
	void keepsTheOriginalGapsDividedByTheSpeedWithinTenPercent(double speed) throws Exception {
		// given: a recorded burst pattern whose gaps at this speed are RECEIVED_GAPS_MS; the first bursts stored
		String environment = newEnvironment("pace");
		long[] original = LongStream.of(RECEIVED_GAPS_MS).map((gap) -> Math.round(gap * speed)).toArray();
		Instant start = Instant.now().minus(Duration.ofHours(1));
		bursts(environment, start, original, 3);
		Instant until = start.plusMillis(LongStream.of(original).sum() + 1);
		// when: replayed at that speed up to just after its last line
		try (WsClient client = connect(environment, "since=" + start + "&speed=" + speed + "&until=" + until)) {
			WsClient.Close close = client.awaitClose();
			// then: every line, each burst in one batch, the bursts apart by their original gaps / speed
			assertThat(close).isEqualTo(new WsClient.Close(1000, "end of replay"));
			assertThat(client.seqs()).isEqualTo(range(1, BURST_LINES * (RECEIVED_GAPS_MS.length + 1)));
			List<Long> arrivals = new ArrayList<>();
			for (int i = 0; i < client.messages.size(); i++) {
				JsonNode message = client.messages.get(i);
				if (message.path("type").asText().equals("batch")) {
					assertThat(message.path("count").asInt()).isEqualTo(BURST_LINES);
					arrivals.add(client.arrivalNanos.get(i));
				}
			}
			assertThat(arrivals).hasSize(RECEIVED_GAPS_MS.length + 1);
			for (int i = 0; i < RECEIVED_GAPS_MS.length; i++) {
				double gapMs = (arrivals.get(i + 1) - arrivals.get(i)) / 1e6;
				assertThat(gapMs).as("gap %d at speed %s", i, speed)
					.isCloseTo(RECEIVED_GAPS_MS[i], within(RECEIVED_GAPS_MS[i] * 0.1));
			}
			// and where it was, at least once a second, in original time
			List<JsonNode> positions = client.ofType("replay");
			assertThat(positions).hasSizeGreaterThanOrEqualTo(2);
			assertThat(positions).allSatisfy((position) -> {
				assertThat(position.path("speed").asDouble()).isEqualTo(speed);
				assertThat(Instant.parse(position.path("timestamp").asText())).isBetween(start, until);
			});
			assertThat(client.ofType("live")).isEmpty();
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void seeksForwardAndBackAndChangesSpeed() {
		// given: bursts 30 s apart (seqs 1-3, 4-6, 7-9), replayed at 1x: only the first is due for a while
		String environment = newEnvironment("seek");
		Instant start = Instant.now().minus(Duration.ofHours(1));
		bursts(environment, start, new long[] { 30_000, 30_000 }, 3);
		try (WsClient client = connect(environment, "since=" + start + "&speed=1")) {
			await().until(() -> client.seqs().equals(range(1, 3)));
			// when: forward past the second burst
			client.send("{\"action\":\"seek\",\"since\":\"" + start.plusSeconds(60) + "\"}");
			// then: the third burst at once, and live
			await().until(() -> client.seqs().equals(List.of(1L, 2L, 3L, 7L, 8L, 9L)));
			await().until(() -> !client.ofType("live").isEmpty());
			// when: back to just after seq 1, ten times faster... and then a hundred
			String afterFirst = client.lines().get(0).path("meta").path("cursor").asText();
			client.send("{\"action\":\"seek\",\"resume\":\"" + afterFirst + "\"}");
			await().until(() -> client.seqs().size() == 8);
			client.send("{\"action\":\"speed\",\"speed\":100}");
			// then: the rest again, the 30 s gaps now 0.3 s, and live again
			await().atMost(Duration.ofSeconds(30)).until(() -> client.ofType("live").size() == 2);
			assertThat(client.seqs()).isEqualTo(List.of(1L, 2L, 3L, 7L, 8L, 9L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
			assertThat(client.lines().get(6).path("meta").path("cursor").asText())
				.isEqualTo(client.lines().get(1).path("meta").path("cursor").asText());
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void pauseAndResumeGoOnWithThePacedReplayWithoutRepeating() {
		// given: bursts 30 s apart replayed at 1x, the first one delivered
		String environment = newEnvironment("pause");
		Instant start = Instant.now().minus(Duration.ofHours(1));
		bursts(environment, start, new long[] { 30_000, 30_000 }, 2);
		try (WsClient client = connect(environment, "since=" + start + "&speed=1")) {
			await().until(() -> client.seqs().equals(range(1, 3)));
			// when: paused and resumed
			client.send("{\"action\":\"pause\"}");
			client.send("{\"action\":\"resume\"}");
			int positionsBefore = client.ofType("replay").size();
			// then: still paced (a replay position comes, the next burst does not), not a catch-up to the end
			await().until(() -> client.ofType("replay").size() > positionsBefore);
			assertThat(client.seqs()).isEqualTo(range(1, 3));
			JsonNode position = client.ofType("replay").get(client.ofType("replay").size() - 1);
			assertThat(Instant.parse(position.path("timestamp").asText())).isBetween(start, start.plusSeconds(30));
			// and faster, the rest once, then live
			client.send("{\"action\":\"speed\",\"speed\":\"max\"}");
			await().atMost(Duration.ofSeconds(30)).until(() -> !client.ofType("live").isEmpty());
			assertThat(client.seqs()).isEqualTo(range(1, 9));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void joinsLiveAfterTheReplayWithEverySeqExactlyOnce() throws Exception {
		// given: two seconds of stored history, more only in Kafka, and lines still being written
		String environment = newEnvironment("to-live");
		Instant start = Instant.now().minusSeconds(2);
		bursts(environment, start, new long[] { 500, 500, 500 }, 2);
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		try (WsClient client = connect(environment, "since=" + start + "&speed=10")) {
			Future<?> writes = writer.submit(() -> {
				while (writing.get()) {
					environments.write(environment, Stream.STDOUT, 1 + (int) (Math.random() * 5));
				}
			});
			// when: the replay catches up with the lines written meanwhile and joins live
			await().atMost(Duration.ofSeconds(30)).until(() -> !client.ofType("live").isEmpty());
			await().until(() -> client.seqs().size() > BURST_LINES * 4 + 50);
			writing.set(false);
			writes.get();
			long last = environments.lastSeq(environment);
			// then: every seq once, in order
			await().atMost(Duration.ofSeconds(20)).until(() -> client.seqs().size() >= last);
			assertThat(client.seqs()).isEqualTo(range(1, last));
			assertThat(client.ofType("live")).hasSize(1);
			assertThat(client.violations).isEmpty();
		}
		finally {
			writer.shutdownNow();
		}
	}

	@Test
	void replaysAnEnvironmentWhoseContainerIsGoneFromPostgresThenKafkaUpToUntil() throws Exception {
		// given: a removed environment, half its lines stored, the rest only in Kafka, and lines after `until`
		String environment = newEnvironment("removed");
		Instant start = Instant.now().minus(Duration.ofDays(1));
		bursts(environment, start, new long[] { 1_000, 1_000, 1_000, 1_000, 1_000 }, 3);
		JdbcClient.create(PostgresFixture.shared().dataSource())
			.sql("UPDATE environments SET removed_at = now(), container_id = NULL WHERE environment_id = ?")
			.param(environment)
			.update();
		// when: replayed at 20x up to just before the last burst
		try (WsClient client = connect(environment, "since=" + start + "&speed=20&until=" + start.plusMillis(4_500))) {
			// then: the stored and the unstored lines before `until`, then 1000
			assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1000, "end of replay"));
			assertThat(client.seqs()).isEqualTo(range(1, BURST_LINES * 5));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void withoutFollowEndsAtTheEndOfHistoryInsteadOfJoiningLive() throws Exception {
		String environment = newEnvironment("no-follow");
		Instant start = Instant.now().minus(Duration.ofHours(1));
		bursts(environment, start, new long[] { 100, 100 }, 1);
		try (WsClient client = connect(environment, "since=" + start + "&speed=2&follow=false")) {
			assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1000, "end of history"));
			assertThat(client.seqs()).isEqualTo(range(1, 3 * BURST_LINES));
			assertThat(client.ofType("live")).isEmpty();
		}
	}

	@Test
	void refusesBadParametersWithNamedReasons() throws Exception {
		String environment = newEnvironment("bad");
		String since = "since=" + Instant.now().minusSeconds(60) + "&";
		String[][] cases = { { since + "speed=1000", "speed must be a number from 0.25 to 100, or max" },
				{ since + "speed=fast", "speed must be a number from 0.25 to 100, or max" },
				{ "speed=2", "speed needs since or resume" },
				{ since + "speed=2&until=tomorrow", "until must be an RFC 3339 time" },
				{ since + "until=2000-01-01T00:00:00Z", "until must be after since" } };
		for (String[] bad : cases) {
			try (WsClient client = connect(environment, bad[0])) {
				assertThat(client.awaitClose()).as(bad[0]).isEqualTo(new WsClient.Close(1008, bad[1]));
			}
		}
	}

	@Test
	void answersBadControlValuesWithAnErrorAndKeepsTheConnection() {
		String environment = newEnvironment("bad-controls");
		Instant start = Instant.now().minus(Duration.ofHours(1));
		bursts(environment, start, new long[] { 60_000 }, 1);
		try (WsClient plain = connect(environment, "tail=10")) {
			await().until(() -> !plain.ofType("live").isEmpty());
			plain.send("{\"action\":\"speed\",\"speed\":2}");
			await().until(() -> errors(plain).contains("not_a_replay"));
		}
		try (WsClient client = connect(environment, "since=" + start + "&speed=1")) {
			await().until(() -> client.seqs().size() == BURST_LINES);
			client.send("{\"action\":\"speed\",\"speed\":1000}");
			client.send("{\"action\":\"seek\",\"since\":\"noon\"}");
			client.send("{\"action\":\"seek\",\"resume\":\"djE6MzowOjA\"}");
			await().until(() -> errors(client).size() == 3);
			assertThat(errors(client)).containsExactly("invalid_speed", "invalid_seek", "invalid_seek");
			// the replay goes on: a valid speed brings the next burst
			client.send("{\"action\":\"speed\",\"speed\":100}");
			await().until(() -> client.seqs().size() == 2 * BURST_LINES);
			assertThat(client.closed).isNotDone();
			assertThat(client.violations).isEmpty();
		}
	}

	private static List<String> errors(WsClient client) {
		return client.ofType("error").stream().map((error) -> error.path("code").asText()).toList();
	}

}
