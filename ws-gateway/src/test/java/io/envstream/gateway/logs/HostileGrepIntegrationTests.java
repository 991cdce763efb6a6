package io.envstream.gateway.logs;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients grepping one environment's hostile lines with catastrophic, unsupported and oversized
 * patterns, over WebSocket and REST, while another client follows a second environment on the same
 * gateway: the follower never goes silent for more than 2 s and gets every line once; each hostile
 * client gets its answer or a clear refusal, and keeps its connection.
 */
class HostileGrepIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	/** Matches every accepted pattern below, so that each client shows it has read past the hostile lines. */
	private static final String MARKER = "-----BEGIN A -----END xxy " + "a".repeat(20);

	private static final List<String> HOSTILE_LINES = List.of("a".repeat(30_000) + "!", "x".repeat(30_000),
			"a".repeat(1_000_000), "aaaa", "xxy", "-----BEGIN " + "A ".repeat(8_000), MARKER);

	/**
	 * Backtracking engines take exponential time on these; each with the indexes of the hostile lines
	 * it matches. Lines over 16,384 characters (the default {@code grep-max-chars}) are matched on that
	 * prefix, where {@code $} matches: the 30,000 a's before "!" match {@code (a+)+$}.
	 */
	private static final Map<String, List<Integer>> ACCEPTED = orderedMap("(a+)+$", List.of(0, 2, 3, 6), "(x+x+)+y",
			List.of(4, 6), "(a|aa)+$", List.of(0, 2, 3, 6), "(.*a){20}", List.of(0, 2, 6), "-----BEGIN ((A )+)+-----END",
			List.of(6));

	/** RE2 cannot run these, or they would expand beyond the program limit; each with the reason given. */
	private static final Map<String, String> REFUSED = orderedMap("(a)\\1", "invalid escape sequence", "(?=a)",
			"invalid or unsupported Perl syntax", "((a{100}){100}){100}", "regex too large",
			"((a{1000}){1000}){1000}", "regex too large");

	private static GatewayInstance gateway;

	private static Environments environments;

	private final HttpClient http = HttpClient.newHttpClient();

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

	@SuppressWarnings("unchecked")
	private static <V> Map<String, V> orderedMap(Object... pairs) {
		Map<String, V> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], (V) pairs[i + 1]);
		}
		return map;
	}

	private static String newEnvironment(String prefix) {
		String id = Environments.newId(prefix);
		environments.create(id, "alice", "red");
		return id;
	}

	private static WsClient follow(String environment) {
		WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice") + "&tail=0"));
		await().until(() -> !client.ofType("live").isEmpty());
		return client;
	}

	private static String filter(String grep) throws Exception {
		return json.writeValueAsString(Map.of("action", "filter", "grep", grep));
	}

	/**
	 * Writes each hostile line in a batch of its own (the megabyte line fills a Kafka record) and
	 * stores it as the persister would; returns the seq of the first.
	 */
	private static long writeHostileLines(String environment) {
		long first = environments.lastSeq(environment) + 1;
		HOSTILE_LINES.forEach((line) -> environments.persist(environments.write(environment, Stream.STDOUT, List.of(line))));
		return first;
	}

	private static List<Long> seqsOf(long first, List<Integer> indexes) {
		return indexes.stream().map((index) -> first + index).toList();
	}

	@Test
	void webSocketClientsWithHostileGrepsGetAnswersOrRefusalsWhileAnotherEnvironmentFlows() throws Exception {
		String hostile = newEnvironment("hostile-ws");
		whileAnotherEnvironmentStreams(() -> {
			// given: one client per hostile pattern on the hostile environment
			Map<String, WsClient> clients = new LinkedHashMap<>();
			try {
				for (String grep : concat(ACCEPTED.keySet(), REFUSED.keySet())) {
					WsClient client = follow(hostile);
					clients.put(grep, client);
					client.send(filter(grep));
				}
				// then: the refused ones are told why and keep their connection, which takes a usable grep
				for (Map.Entry<String, String> refused : REFUSED.entrySet()) {
					WsClient client = clients.get(refused.getKey());
					await().atMost(Duration.ofSeconds(5)).until(() -> !client.ofType("error").isEmpty());
					JsonNode error = client.ofType("error").get(0);
					assertThat(error.path("code").asText()).isEqualTo("invalid_regex");
					assertThat(error.path("message").asText()).contains(refused.getValue());
					client.send(filter("xxy"));
				}
				await().pollDelay(Duration.ofMillis(500)).until(() -> true);

				// when: the hostile lines arrive
				long first = writeHostileLines(hostile);

				// then: each client gets exactly the lines its pattern matches, and stays connected
				for (Map.Entry<String, WsClient> entry : clients.entrySet()) {
					List<Long> expected = seqsOf(first, ACCEPTED.getOrDefault(entry.getKey(), List.of(4, 6)));
					WsClient client = entry.getValue();
					await().atMost(Duration.ofSeconds(10)).until(() -> client.seqs().size() >= expected.size());
					assertThat(client.seqs()).as(entry.getKey()).isEqualTo(expected);
					assertThat(client.closed).as(entry.getKey()).isNotDone();
					assertThat(client.violations).as(entry.getKey()).isEmpty();
				}
			}
			finally {
				clients.values().forEach(WsClient::close);
			}
		});
	}

	@Test
	void restGrepsWithHostilePatternsAnswerOrRefuseWhileAnotherEnvironmentFlows() throws Exception {
		String hostile = newEnvironment("hostile-rest");
		long first = writeHostileLines(hostile);
		whileAnotherEnvironmentStreams(() -> {
			// when: every pattern is asked for at once
			Map<String, CompletableFuture<HttpResponse<String>>> responses = new LinkedHashMap<>();
			for (String grep : concat(ACCEPTED.keySet(), REFUSED.keySet())) {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create(gateway.httpUrl("/api/v1/environments/" + hostile + "/logs?grep="
							+ URLEncoder.encode(grep, StandardCharsets.UTF_8))))
					.header("Authorization", "Bearer " + JWT.token("alice"))
					.timeout(Duration.ofSeconds(10))
					.build();
				responses.put(grep, this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
			}
			// then: the matching lines for each accepted one, a 400 naming why for each refused one
			for (Map.Entry<String, List<Integer>> accepted : ACCEPTED.entrySet()) {
				HttpResponse<String> response = responses.get(accepted.getKey()).get(15, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(accepted.getKey()).isEqualTo(200);
				List<Long> seqs = new ArrayList<>();
				json.readTree(response.body()).path("logs").forEach((line) -> seqs.add(line.path("meta").path("seq").asLong()));
				assertThat(seqs).as(accepted.getKey()).isEqualTo(seqsOf(first, accepted.getValue()));
			}
			for (Map.Entry<String, String> refused : REFUSED.entrySet()) {
				HttpResponse<String> response = responses.get(refused.getKey()).get(15, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(refused.getKey()).isEqualTo(400);
				assertThat(json.readTree(response.body()).path("message").asText()).as(refused.getKey())
					.contains(refused.getValue());
			}
		});
	}

	private static List<String> concat(java.util.Collection<String> first, java.util.Collection<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private interface Scenario {

		void run() throws Exception;

	}

	/**
	 * Runs the scenario while 5 numbered lines are written to a second environment every 50 ms and a
	 * client follows it; then checks that this client got every line once, in order, and never waited
	 * more than 2 s between two messages.
	 */
	private static void whileAnotherEnvironmentStreams(Scenario scenario) throws Exception {
		String steady = newEnvironment("steady");
		ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger batches = new AtomicInteger();
		try (WsClient follower = follow(steady)) {
			writer.scheduleAtFixedRate(() -> {
				if (batches.incrementAndGet() <= 2_000) {
					environments.write(steady, Stream.STDOUT, 5);
				}
			}, 0, 50, TimeUnit.MILLISECONDS);
			await().until(() -> follower.seqs().size() >= 20);

			scenario.run();

			writer.shutdown();
			assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			long last = environments.lastSeq(steady);
			await().atMost(Duration.ofSeconds(10)).until(() -> follower.seqs().size() >= last);
			assertThat(follower.seqs()).isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
			assertThat(longestSilence(follower)).isLessThan(Duration.ofSeconds(2));
			assertThat(follower.violations).isEmpty();
		}
		finally {
			writer.shutdownNow();
		}
	}

	/** The longest wait between two messages carrying lines. */
	private static Duration longestSilence(WsClient client) {
		long previous = -1;
		long longest = 0;
		for (int i = 0; i < client.messages.size(); i++) {
			if (client.messages.get(i).path("type").asText().equals("batch")) {
				long arrived = client.arrivalNanos.get(i);
				if (previous >= 0) {
					longest = Math.max(longest, arrived - previous);
				}
				previous = arrived;
			}
		}
		return Duration.ofNanos(longest);
	}

}
