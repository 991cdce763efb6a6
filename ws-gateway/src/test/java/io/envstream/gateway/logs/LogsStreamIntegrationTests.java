package io.envstream.gateway.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a logs client receives: history, then live, without gap or repeat, across pauses, filters and resumes. */
class LogsStreamIntegrationTests {

	private static final String CONSUMERS_MADE = "envstream.gateway.catchup.consumers.made";

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		// a client that stops reading stops answering pings too: the timeout must outlast the test's stall;
		// one environment has more clients that stop reading than the gateway has sender threads
		gateway = GatewayInstance.start("--envstream.gateway.send-queue-lines=200",
				"--envstream.gateway.heartbeat-timeout=120s", "--envstream.gateway.max-connections-per-environment=20");
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
		String token = "token=" + JWT.token("alice");
		return WsClient.connect(gateway.logsUrl(environment, (query == null) ? token : token + "&" + query));
	}

	private static List<Long> range(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

	private static void assertStrictlyIncreasingCursors(WsClient client) {
		Cursor previous = null;
		for (JsonNode line : client.lines()) {
			Cursor cursor = CursorCodec.decode(line.path("meta").path("cursor").asText());
			if (previous != null) {
				assertThat(cursor).isGreaterThan(previous);
			}
			previous = cursor;
		}
	}

	@Test
	void handsHistoryOverToLiveDeliveringEverySeqOnceInOrderUnderContinuousWrites() throws Exception {
		// given: 200 lines written, of which the persister has stored only the first 120
		String environment = newEnvironment("handoff");
		for (int i = 0; i < 20; i++) {
			Written written = environments.write(environment, Stream.STDOUT, 10);
			if (i < 12) {
				environments.persist(written);
			}
		}
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<?> writes = writer.submit(() -> {
			while (writing.get()) {
				environments.write(environment, Stream.STDOUT, 1 + (int) (Math.random() * 20));
			}
		});
		try (WsClient client = connect(environment, "tail=50")) {
			// when: the client connects while lines keep arriving
			await().until(() -> client.seqs().size() > 400);
			writing.set(false);
			writes.get();
			long last = environments.lastSeq(environment);
			// then: the 50 newest persisted lines, the unpersisted ones and every live one, once, in order
			await().atMost(Duration.ofSeconds(20)).until(() -> client.seqs().size() >= last - 70);
			assertThat(client.seqs()).isEqualTo(range(71, last));
			assertStrictlyIncreasingCursors(client);
			assertThat(client.ofType("batch")).allSatisfy((batch) -> assertThat(batch.path("count").asInt()).isBetween(1, 100));
			assertThat(client.ofType("live")).isNotEmpty();
			assertThat(client.violations).isEmpty();
		}
		finally {
			writer.shutdownNow();
		}
	}

	@Test
	void resumesStrictlyAfterTheCursor() {
		String environment = newEnvironment("resume");
		for (int i = 0; i < 3; i++) {
			environments.persist(environments.write(environment, Stream.STDOUT, 10));
		}
		String cursor;
		try (WsClient first = connect(environment, "tail=30")) {
			await().until(() -> first.seqs().size() == 30);
			cursor = first.lines().get(14).path("meta").path("cursor").asText();
		}
		environments.write(environment, Stream.STDOUT, 25);
		try (WsClient second = connect(environment, "resume=" + cursor)) {
			await().until(() -> second.seqs().size() >= 40);
			assertThat(second.seqs()).isEqualTo(range(16, 55));
			await().until(() -> !second.ofType("live").isEmpty());
			assertThat(second.violations).isEmpty();
		}
	}

	/**
	 * Catch-up reads one after another share one Kafka consumer ({@link CatchUpConsumers}), and a
	 * consumer that read one partition reads another, or the same one from an earlier offset, with
	 * nothing of the read before: each resume gets exactly the lines after its cursor, then live ones.
	 */
	@Test
	void resumesOneAfterAnotherShareOneConsumerAndGetOnlyTheirOwnLines() {
		String first = newEnvironment("reuse-a");
		Written firstLines = environments.write(first, Stream.STDOUT, 10);
		String second;
		Written secondLines;
		do {
			second = newEnvironment("reuse-b");
			secondLines = environments.write(second, Stream.STDOUT, 10);
		}
		while (secondLines.partition() == firstLines.partition());
		awaitNoCatchUpRead();
		double made = gateway.counter(CONSUMERS_MADE);

		assertResumedAfter(first, firstLines, 7, range(9, 10));
		assertResumedAfter(second, secondLines, 5, range(7, 10));
		// the first partition again, from further back than the consumer read there (seq 11 came live)
		assertResumedAfter(first, firstLines, 3, range(5, 11));

		// one made for the first when the others' reads had none idle, none more
		assertThat(gateway.counter(CONSUMERS_MADE) - made).as("consumers made for three reads, one after another")
			.isLessThanOrEqualTo(1);
		assertThat(gateway.counter(CONSUMERS_MADE)).as("consumers made by this gateway's catch-up reads").isPositive();
	}

	/**
	 * Clients resuming at once in one partition, as after a gateway restart, share its catch-up read
	 * ({@link SharedCatchUp}) instead of a read each: one consumer serves them all (a second at most, when a
	 * read ends as the next begins), and each still gets exactly the lines after its own cursor, then live ones.
	 */
	@Test
	void clientsResumingAtOnceShareOneReadAndEachGetsExactlyTheLinesAfterItsCursor() {
		String environment = newEnvironment("resume-crowd");
		List<Written> bursts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			bursts.add(environments.write(environment, Stream.STDOUT, 100, 1000));
		}
		awaitNoCatchUpRead();
		double made = gateway.counter(CONSUMERS_MADE);
		List<WsClient> resumed = new ArrayList<>();
		try {
			// 16: the environment's connection limit in this gateway is 20
			for (int i = 0; i < 16; i++) {
				Written from = bursts.get(i % 8);
				resumed.add(connect(environment,
						"resume=" + CursorCodec.encode(new Cursor(from.partition(), from.offset(), 49))));
			}
			for (int i = 0; i < resumed.size(); i++) {
				WsClient client = resumed.get(i);
				long first = (i % 8) * 100L + 51;
				await().atMost(Duration.ofSeconds(60)).until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
				assertThat(client.closed).as("resumed client %d", i).isNotDone();
				assertThat(client.seqs()).as("resumed client %d", i).isEqualTo(range(first, 3000));
				assertThat(client.violations).isEmpty();
			}
			assertThat(gateway.counter(CONSUMERS_MADE) - made).as("consumers made for 16 clients resuming at once")
				.isLessThanOrEqualTo(2);
			environments.write(environment, Stream.STDOUT, 1);
			await().until(() -> resumed.stream().allMatch((client) -> client.seqs().contains(3001L)));
		}
		finally {
			resumed.forEach(WsClient::close);
		}
	}

	/** Resumes after the batch's line at {@code index} (seq {@code index + 1}), gets {@code expected}, then a live line. */
	private static void assertResumedAfter(String environment, Written batch, int index, List<Long> expected) {
		try (WsClient client = connect(environment,
				"resume=" + CursorCodec.encode(new Cursor(batch.partition(), batch.offset(), index)))) {
			await().until(() -> !client.ofType("live").isEmpty());
			assertThat(client.seqs()).isEqualTo(expected);
			environments.write(environment, Stream.STDOUT, 1);
			long next = expected.get(expected.size() - 1) + 1;
			await().until(() -> client.seqs().contains(next));
			assertThat(client.seqs()).isEqualTo(range(expected.get(0), next));
			assertThat(client.violations).isEmpty();
		}
		// the read gives its consumer back once it handed the client to live
		awaitNoCatchUpRead();
	}

	private static void awaitNoCatchUpRead() {
		await().until(() -> gateway.gauge("envstream.gateway.catchup.readers") == 0);
	}

	@Test
	void replaysFromSinceThenStaysLive() {
		String environment = newEnvironment("since");
		environments.persist(environments.write(environment, Stream.STDOUT, 5));
		Instant since = Instant.now().plusMillis(5);
		await().until(() -> Instant.now().isAfter(since.plusMillis(5)));
		environments.persist(environments.write(environment, Stream.STDOUT, 5));
		try (WsClient client = connect(environment, "since=" + since)) {
			await().until(() -> !client.ofType("live").isEmpty());
			environments.write(environment, Stream.STDOUT, 3);
			await().until(() -> client.seqs().size() >= 8);
			assertThat(client.seqs()).isEqualTo(range(6, 13));
		}
	}

	@Test
	void replaysFromSinceOutOfKafkaWhenNothingIsStoredYet() {
		String environment = newEnvironment("since-kafka");
		environments.write(environment, Stream.STDOUT, 4);
		Instant since = Instant.now().plusMillis(5);
		await().until(() -> Instant.now().isAfter(since.plusMillis(5)));
		environments.write(environment, Stream.STDOUT, 3);
		try (WsClient client = connect(environment, "since=" + since)) {
			await().until(() -> client.seqs().size() >= 3 && !client.ofType("live").isEmpty());
			assertThat(client.seqs()).containsExactly(5L, 6L, 7L);
		}
	}

	@Test
	void tailsOutOfKafkaWhatThePersisterHasNotStoredYetWhenNothingIsStored() {
		// given: a new environment's first lines, committed to Kafka but not stored in PostgreSQL yet
		String environment = newEnvironment("tail-unstored");
		environments.awaitVisible(environments.write(environment, Stream.STDOUT, 4));
		try (WsClient client = connect(environment, "tail=100")) {
			// when: the client joins live
			await().until(() -> !client.ofType("live").isEmpty());
			environments.write(environment, Stream.STDOUT, 2);
			// then: the unstored lines came before the live ones, none lost
			await().until(() -> client.seqs().size() >= 6);
			assertThat(client.seqs()).isEqualTo(range(1, 6));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void coalescesABurstOfSmallBatchesIntoFramesOfAtMostMaxBatchLines() {
		String environment = newEnvironment("burst");
		try (WsClient client = connect(environment, "tail=0")) {
			await().until(() -> !client.ofType("live").isEmpty());
			for (int i = 0; i < 300; i++) {
				environments.write(environment, Stream.STDOUT, 1);
			}
			await().until(() -> client.seqs().size() == 300);
			assertThat(client.seqs()).isEqualTo(range(1, 300));
			assertThat(client.ofType("batch")).allSatisfy((batch) -> assertThat(batch.path("count").asInt()).isBetween(1, 100));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void losesNothingWrittenDuringAPause() {
		String environment = newEnvironment("pause");
		try (WsClient client = connect(environment, "tail=0")) {
			await().until(() -> !client.ofType("live").isEmpty());
			environments.write(environment, Stream.STDOUT, 5);
			await().until(() -> client.seqs().size() == 5);
			client.send("{\"action\":\"pause\"}");
			await().pollDelay(Duration.ofMillis(200)).until(() -> true);
			for (int i = 0; i < 10; i++) {
				environments.write(environment, Stream.STDOUT, 50);
			}
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> client.seqs().size() == 5);
			client.send("{\"action\":\"resume\"}");
			await().until(() -> client.seqs().size() >= 505);
			assertThat(client.seqs()).isEqualTo(range(1, 505));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void resumingFromLiveSkipsWhatWasWrittenAndSaysSoWithAGap() {
		String environment = newEnvironment("skip");
		try (WsClient client = connect(environment, "tail=0")) {
			await().until(() -> !client.ofType("live").isEmpty());
			environments.write(environment, Stream.STDOUT, 2);
			await().until(() -> client.seqs().size() == 2);
			client.send("{\"action\":\"pause\"}");
			await().pollDelay(Duration.ofMillis(200)).until(() -> true);
			environments.awaitVisible(environments.write(environment, Stream.STDOUT, 10));
			client.send("{\"action\":\"resume\",\"from\":\"live\"}");
			await().until(() -> !client.ofType("gap").isEmpty());
			environments.write(environment, Stream.STDOUT, 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> client.seqs().size() >= 3);
			assertThat(client.seqs()).as(client.messages.toString()).containsExactly(1L, 2L, 13L);
			JsonNode gap = client.ofType("gap").get(0);
			assertThat(gap.path("reason").asText()).isEqualTo("skipped");
			assertThat(gap.path("from").asText()).isEqualTo(client.lines().get(1).path("meta").path("cursor").asText());
		}
	}

	@Test
	void appliesStreamAndGrepFiltersFromTheNextLine() {
		String environment = newEnvironment("filter");
		try (WsClient client = connect(environment, "tail=0&stream=stderr")) {
			await().until(() -> !client.ofType("live").isEmpty());
			environments.write(environment, Stream.STDOUT, 3);
			environments.write(environment, Stream.STDERR, 2);
			await().until(() -> client.seqs().size() == 2);
			assertThat(client.seqs()).containsExactly(4L, 5L);
			client.send("{\"action\":\"filter\",\"stream\":\"all\",\"grep\":\"message-(7|9)$\"}");
			await().pollDelay(Duration.ofMillis(200)).until(() -> true);
			environments.write(environment, Stream.STDOUT, 5);
			await().until(() -> client.seqs().size() == 4);
			assertThat(client.seqs()).containsExactly(4L, 5L, 7L, 9L);
			assertThat(client.lines()).allSatisfy((line) -> assertThat(line.path("stream").asText()).isIn("stdout", "stderr"));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void boundsWhatRetentionRemovedWithAGap() throws Exception {
		String environment = newEnvironment("retention");
		Written first = environments.write(environment, Stream.STDOUT, 3);
		environments.write(environment, Stream.STDOUT, 3);
		Written third = environments.write(environment, Stream.STDOUT, 3);
		String cursor = CursorCodec.encode(new Cursor(first.partition(), first.offset(), 0));
		TopicPartition tp = new TopicPartition(Topics.LOGS.name(), third.partition());
		KafkaFixture.shared()
			.admin()
			.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(third.offset())))
			.all()
			.get();
		try (WsClient client = connect(environment, "resume=" + cursor)) {
			await().until(() -> client.seqs().size() == 3);
			JsonNode gap = client.ofType("gap").get(0);
			assertThat(gap.path("reason").asText()).isEqualTo("retention");
			assertThat(gap.path("from").asText()).isEqualTo(cursor);
			assertThat(CursorCodec.decode(gap.path("to").asText())).isEqualTo(new Cursor(third.partition(), third.offset(), 0));
			assertThat(client.seqs()).containsExactly(7L, 8L, 9L);
			assertThat(client.messages.indexOf(gap)).isLessThan(client.messages.indexOf(client.ofType("batch").get(0)));
		}
	}

	@Test
	void slowClientCatchesUpOnItsOwnWithoutDelayingOthers() {
		String environment = newEnvironment("slow");
		try (WsClient slow = connect(environment, "tail=0"); WsClient fast = connect(environment, "tail=0")) {
			await().until(() -> !slow.ofType("live").isEmpty() && !fast.ofType("live").isEmpty());
			slow.stopReading();
			List<Long> latenciesMillis = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				long before = System.nanoTime();
				environments.write(environment, Stream.STDOUT, 100, 1000);
				long expected = (i + 1) * 100L;
				await().atMost(Duration.ofSeconds(5)).until(() -> fast.seqs().size() >= expected);
				latenciesMillis.add((System.nanoTime() - before) / 1_000_000);
			}
			assertThat(fast.seqs()).isEqualTo(range(1, 4000));
			assertThat(latenciesMillis).allSatisfy((millis) -> assertThat(millis).isLessThan(2000));
			slow.startReading();
			await().atMost(Duration.ofSeconds(30)).until(() -> slow.seqs().size() >= 4000 || slow.closed.isDone());
			assertThat(slow.closed).isNotDone();
			assertThat(slow.seqs()).isEqualTo(range(1, 4000));
			assertThat(slow.ofType("lag")).isNotEmpty();
			assertThat(slow.violations).isEmpty();
		}
	}

	@Test
	void slowClientsOfOnePartitionCatchUpOnOneSharedReadGettingEverySeqOnceThenRejoinLive() {
		// given four clients of one environment and two of another in the same partition, and a fast client
		String first = newEnvironment("shared");
		String second = newEnvironmentInPartitionOf(first);
		List<WsClient> slow = new ArrayList<>();
		for (String environment : List.of(first, first, first, first, second, second)) {
			slow.add(connect(environment, "tail=0"));
		}
		try (WsClient fast = connect(first, "tail=0")) {
			await().until(() -> slow.stream().allMatch((c) -> c.ofType("live").size() == 1)
					&& fast.ofType("live").size() == 1);
			// when the six stop reading until each was pushed off live
			int bursts = pushOffLive(slow, (burst) -> writeBurst(first, second, fast, burst));
			// then one read serves them all
			await().until(() -> gateway.gauge("envstream.gateway.catchup.shared.clients") == slow.size());
			assertThat(gateway.gauge("envstream.gateway.catchup.readers")).isEqualTo(1);
			// when they read again while lines go on being written
			slow.forEach(WsClient::startReading);
			for (int i = 0; i < 10; i++) {
				writeBurst(first, second, fast, ++bursts);
			}
			// then each gets every seq once, in order, and is live again
			long lines = bursts * 100L;
			await().atMost(Duration.ofSeconds(60))
				.until(() -> slow.stream().allMatch((c) -> c.seqs().size() >= lines || c.closed.isDone()));
			for (WsClient client : slow) {
				assertThat(client.closed).isNotDone();
				assertThat(client.seqs()).isEqualTo(range(1, lines));
				assertThat(client.ofType("lag")).isNotEmpty();
				assertThat(client.violations).isEmpty();
			}
			await().until(() -> slow.stream().allMatch((c) -> c.ofType("live").size() == 2));
			await().until(() -> gateway.gauge("envstream.gateway.catchup.shared.clients") == 0
					&& gateway.gauge("envstream.gateway.catchup.readers") == 0);
			writeBurst(first, second, fast, ++bursts);
			await().until(() -> slow.stream().allMatch((c) -> c.seqs().size() == lines + 100));
			assertThat(fast.seqs()).isEqualTo(range(1, lines + 100));
		}
		finally {
			slow.forEach(WsClient::close);
		}
	}

	@Test
	void clientsThatFellBehindAndReadInFitsWhileBurstsGoOnGetEverySeqOnceAndRejoinLive() throws Exception {
		// given a fast client and three that stopped reading until each was pushed off live (fewer than the
		// gateway's four or more sender threads: each client that stops reading holds one in a blocking send)
		String environment = newEnvironment("fits");
		List<WsClient> fitful = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			fitful.add(connect(environment, "tail=0"));
		}
		AtomicBoolean pacing = new AtomicBoolean(true);
		ExecutorService pacer = Executors.newSingleThreadExecutor();
		try (WsClient fast = connect(environment, "tail=0")) {
			await().until(() -> fitful.stream().allMatch((c) -> c.ofType("live").size() == 1)
					&& fast.ofType("live").size() == 1);
			int bursts = pushOffLive(fitful, (burst) -> writeBurst(environment, fast, burst));
			// when they read in fits, a fifth of the time, while 30 more bursts come
			Future<?> fits = pacer.submit(() -> {
				while (pacing.get()) {
					fitful.forEach(WsClient::startReading);
					await().pollDelay(Duration.ofMillis(50)).until(() -> true);
					fitful.forEach(WsClient::stopReading);
					await().pollDelay(Duration.ofMillis(200)).until(() -> true);
				}
			});
			for (int i = 0; i < 30; i++) {
				writeBurst(environment, fast, ++bursts);
			}
			pacing.set(false);
			fits.get();
			fitful.forEach(WsClient::startReading);
			// then each gets every seq once, in order, and is live again with nothing more to catch up
			long lines = bursts * 100L;
			await().atMost(Duration.ofSeconds(60))
				.until(() -> fitful.stream().allMatch((c) -> c.seqs().size() >= lines || c.closed.isDone()));
			for (WsClient client : fitful) {
				assertThat(client.closed).isNotDone();
				assertThat(client.seqs()).isEqualTo(range(1, lines));
				assertThat(client.violations).isEmpty();
			}
			await().until(() -> fitful.stream().allMatch((c) -> c.ofType("live").size() == c.ofType("lag").size() + 1)
					&& gateway.gauge("envstream.gateway.catchup.shared.clients") == 0);
			writeBurst(environment, fast, ++bursts);
			await().until(() -> fitful.stream().allMatch((c) -> c.seqs().size() == lines + 100));
			assertThat(fast.seqs()).isEqualTo(range(1, lines + 100));
		}
		finally {
			pacing.set(false);
			pacer.shutdownNow();
			fitful.forEach(WsClient::close);
		}
	}

	@Test
	void clientsThatStopReadingHoldUpNoOneElseOfTheirEnvironmentOrAnother() throws Exception {
		// given more clients that stop reading (a tiny receive window, never read) than the gateway has sender threads
		String stalledEnvironment = newEnvironment("stalled");
		String other = newEnvironment("beside");
		int senderThreads = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
		List<SilentWebSocket> stalled = new ArrayList<>();
		for (int i = 0; i < senderThreads + 2; i++) {
			SilentWebSocket client = SilentWebSocket.stalled(
					gateway.logsUrl(stalledEnvironment, "tail=0&token=" + JWT.token("alice")), 4096);
			stalled.add(client);
			client.awaitText("\"type\":\"live\"");
		}
		try (WsClient same = connect(stalledEnvironment, "tail=0"); WsClient beside = connect(other, "tail=0")) {
			await().until(() -> same.ofType("live").size() == 1 && beside.ofType("live").size() == 1);
			// when bursts go to both environments until each stalled client's queue overflowed, and ten more
			double slowBefore = gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs");
			List<String> written = List.of(stalledEnvironment, other);
			List<WsClient> reading = List.of(same, beside);
			int bursts = 0;
			while (gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs") < slowBefore + stalled.size()) {
				assertThat(bursts).as("bursts written before every stalled client left live").isLessThan(200);
				writeBurst(written, reading, ++bursts);
			}
			for (int i = 0; i < 10; i++) {
				writeBurst(written, reading, ++bursts);
			}
			// then both reading clients got every seq once, in order, each burst within the wait for it
			for (WsClient client : reading) {
				assertThat(client.seqs()).isEqualTo(range(1, bursts * 100L));
				assertThat(client.ofType("lag")).isEmpty();
				assertThat(client.violations).isEmpty();
			}
		}
		finally {
			for (SilentWebSocket client : stalled) {
				client.close();
			}
		}
	}

	/** 100 lines of 1000 bytes to each environment, waited for by every reading client (a failure says what each got). */
	private static void writeBurst(List<String> written, List<WsClient> reading, int burst) {
		written.forEach((environment) -> environments.write(environment, Stream.STDOUT, 100, 1000));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(reading.stream().map((client) -> client.seqs().size()).toList())
				.as("lines each reading client got 10 s after burst %d was written", burst)
				.allMatch((received) -> received >= burst * 100));
	}

	/** The clients stop reading while bursts are written until each was pushed off live; @return the bursts written. */
	private static int pushOffLive(List<WsClient> clients, IntConsumer writeBurst) {
		double slowBefore = gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs");
		clients.forEach(WsClient::stopReading);
		int bursts = 0;
		while (gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs") < slowBefore + clients.size()) {
			assertThat(bursts).as("bursts written before every slow client left live").isLessThan(200);
			writeBurst.accept(++bursts);
		}
		return bursts;
	}

	/** 100 lines of 1000 bytes, waited for by the fast client. */
	private static void writeBurst(String environment, WsClient fast, int burst) {
		environments.write(environment, Stream.STDOUT, 100, 1000);
		await().atMost(Duration.ofSeconds(10)).until(() -> fast.seqs().size() >= burst * 100);
	}

	private static String newEnvironmentInPartitionOf(String environment) {
		int partition = Topics.partitionOfKey(environment, GatewayInstance.PARTITIONS);
		for (int i = 0; i < 1000; i++) {
			String candidate = Environments.newId("shared");
			if (Topics.partitionOfKey(candidate, GatewayInstance.PARTITIONS) == partition) {
				environments.create(candidate, "alice", "red");
				return candidate;
			}
		}
		throw new IllegalStateException("no environment id of partition " + partition + " in 1000 tries");
	}

	/** 100 lines of 1000 bytes to each environment, waited for by the fast client of the first. */
	private static void writeBurst(String first, String second, WsClient fast, int burst) {
		environments.write(first, Stream.STDOUT, 100, 1000);
		environments.write(second, Stream.STDOUT, 100, 1000);
		await().atMost(Duration.ofSeconds(10)).until(() -> fast.seqs().size() >= burst * 100);
	}

}
