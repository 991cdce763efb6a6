package io.envstream.e2e.webui;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone exec jar killed with {@code kill -9} while a container streams numbered lines, then started again
 * with the same command: it comes up without a manual step (its orphaned PostgreSQL stopped, the broker's storage
 * reopened), and history and a client resuming from its last cursor have every line exactly once. The standalone's
 * collector follows only this run's container (label selector), so nothing else on the engine gets in the way.
 */
class StandaloneCrashIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern SEQ = Pattern.compile("^crash seq=(\\d+) ");

	private static final int LINES_PER_SECOND = 50;

	private static final String RUN_LABEL = "envstream.test.crash-run";

	private final DockerFixture docker = DockerFixture.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void killedMidStreamStartsAgainAndKeepsEveryLineExactlyOnceInHistoryAndForAResumingClient(
			@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path workDir) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String environmentId = "crash-" + run;
		StandaloneProcess first = StandaloneProcess.start(workDir,
				"--envstream.collector.label-selector=" + RUN_LABEL + "=" + run);
		StandaloneProcess running = first;
		try (DemoContainer container = this.docker.startDemo(environmentId, Map.of(RUN_LABEL, run), "lines", "-r",
				Integer.toString(LINES_PER_SECOND), "-s", "80", "-o", "both", "-p", "crash")) {
			String token = first.token("crash-test", true);
			await("environment listed by the gateway").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> get(first, "/api/v1/environments", token).contains("\"" + environmentId + "\""));

			// given a client following the environment, a few seconds into the stream
			Follower before = new Follower();
			WebSocket socket = connect(first, logsUri(first, environmentId, token, "tail=10000"), before);
			await("lines before the crash").atMost(Duration.ofMinutes(1)).until(() -> before.lines.size() >= 150);

			// when the standalone's JVM is killed mid-stream and the same command runs again
			StandaloneProcess standalone = first.killAndStartAgain();
			running = standalone;
			socket.abort();
			List<Line> seenBefore = List.copyOf(before.lines);
			String lastCursor = seenBefore.get(seenBefore.size() - 1).cursor();
			long seenAtRestart = maxSeq(history(standalone, environmentId, token));
			await("lines written after the restart stored").atMost(Duration.ofMinutes(1))
				.until(() -> maxSeq(history(standalone, environmentId, token)) >= seenAtRestart + 2L * LINES_PER_SECOND);
			container.stop();
			long written = writtenLines(container);

			// then history holds every line exactly once, odd ones on stdout and even ones on stderr
			await("every written line stored").atMost(Duration.ofMinutes(1))
				.until(() -> history(standalone, environmentId, token).size() >= written);
			List<Line> history = history(standalone, environmentId, token);
			assertThat(history).extracting(Line::seq)
				.as("written %d lines; logs in %s", written, workDir)
				.containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, written).boxed().toList());
			assertThat(history).allSatisfy((line) -> assertThat(line.stream())
				.isEqualTo((line.seq() % 2 == 1) ? "stdout" : "stderr"));
			assertThat(history).extracting(Line::cursor).doesNotHaveDuplicates();
			assertThat(history).extracting(Line::collectorSeq)
				.as("the collector's own numbering went on where it stopped")
				.containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, written).boxed().toList());

			// and a client resuming from the last cursor it saw gets the rest, no gap and no repeat
			int resumeAt = history.stream().map(Line::cursor).toList().indexOf(lastCursor);
			assertThat(resumeAt).as("the last cursor seen before the crash is in history").isNotNegative();
			List<Line> rest = history.subList(resumeAt + 1, history.size());
			Follower resumed = new Follower();
			WebSocket resumedSocket = connect(standalone,
					logsUri(standalone, environmentId, token, "resume=" + encode(lastCursor)), resumed);
			await("the rest for the resuming client").atMost(Duration.ofMinutes(1))
				.until(() -> resumed.lines.size() >= rest.size());
			resumedSocket.abort();
			assertThat(resumed.lines).containsExactlyElementsOf(rest);
			assertThat(seenBefore).containsExactlyElementsOf(history.subList(0, resumeAt + 1));
		}
		finally {
			running.close();
		}
	}

	/**
	 * Opens a WebSocket; an upgrade the gateway refuses fails with what it answered (status, headers, body) and the
	 * end of the standalone's log, never with the URI, which holds the token.
	 */
	private WebSocket connect(StandaloneProcess standalone, URI uri, WebSocket.Listener listener) throws Exception {
		try {
			return this.http.newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				HttpResponse<?> response = refused.getResponse();
				throw new AssertionError("the gateway answered the upgrade with " + response.statusCode() + ", headers "
						+ response.headers().map() + ", body " + response.body() + "; the standalone's log ends with:\n"
						+ standalone.tail(60), ex);
			}
			throw ex;
		}
	}

	private String get(StandaloneProcess standalone, String path, String token)
			throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(standalone.gatewayUrl() + path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	/** Every stored line of the environment, oldest first, page by page through the REST history. */
	private List<Line> history(StandaloneProcess standalone, String environmentId, String token)
			throws IOException, InterruptedException {
		List<Line> lines = new ArrayList<>();
		String after = null;
		do {
			JsonNode page = JSON.readTree(get(standalone, "/api/v1/environments/" + environmentId + "/logs?limit=10000"
					+ ((after != null) ? "&after=" + encode(after) : ""), token));
			for (JsonNode log : page.get("logs")) {
				lines.add(Line.of(log));
			}
			after = page.hasNonNull("next") ? page.get("next").asString() : null;
		}
		while (after != null);
		return lines;
	}

	private static long maxSeq(List<Line> lines) {
		return lines.stream().mapToLong(Line::seq).max().orElse(0);
	}

	/** How many lines the container printed: the engine's own log of it, checked to be 1..N with none missing. */
	private static long writtenLines(DemoContainer container) {
		List<Long> seqs = container.logs()
			.lines()
			.map(SEQ::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Long.parseLong(matcher.group(1)))
			.sorted()
			.toList();
		assertThat(seqs).as("the container's own log").isNotEmpty();
		assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
		return seqs.size();
	}

	private static URI logsUri(StandaloneProcess standalone, String environmentId, String token, String query) {
		return URI.create(standalone.gatewayUrl().replace("http://", "ws://") + "/api/v1/ws/environments/"
				+ environmentId + "/logs?token=" + token + "&" + query);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** One line as the gateway gives it: the demo program's seq, the stream, the cursor and the collector's seq. */
	record Line(long seq, String stream, String cursor, long collectorSeq) {

		static Line of(JsonNode log) {
			Matcher seq = SEQ.matcher(log.get("message").asString());
			if (!seq.find()) {
				throw new IllegalStateException("not a numbered line: " + log);
			}
			JsonNode meta = log.get("meta");
			return new Line(Long.parseLong(seq.group(1)), log.get("stream").asString(), meta.get("cursor").asString(),
					meta.get("seq").asLong());
		}

	}

	/** Keeps every line of {@code log} and {@code batch} messages, in arrival order. */
	private static final class Follower implements WebSocket.Listener {

		private final List<Line> lines = new CopyOnWriteArrayList<>();

		private final StringBuilder message = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.message.append(data);
			if (last) {
				JsonNode json = JSON.readTree(this.message.toString());
				this.message.setLength(0);
				switch (json.path("type").asString()) {
					case "log" -> this.lines.add(Line.of(json));
					case "batch" -> json.get("logs").forEach((log) -> this.lines.add(Line.of(log)));
					default -> {
						// live, lag and the like say nothing about which lines arrived
					}
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
