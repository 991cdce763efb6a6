package io.envstream.e2e.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import io.envstream.e2e.hardening.HostileCorpus.Line;
import io.envstream.e2e.webui.SharedStandalone;
import io.envstream.e2e.webui.StandaloneProcess;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline (the standalone exec jar: collector, broker, processor, PostgreSQL, gateway) while one container
 * writes the {@link HostileCorpus} and another environment streams numbered lines: the numbered stream never goes
 * silent for more than 2 s and loses or repeats nothing, live and in history; each hostile line ends up in history
 * with its secrets hidden, or in the dead-letter topic with a reason, and is counted in the processor's metrics.
 * The standalone is the one of the test run ({@link SharedStandalone}); its collector follows only the test run's
 * containers (label selector), so nothing else on the engine takes part, and the suites before this one have stopped
 * theirs.
 */
@ExtendWith(SharedStandalone.class)
class HostileInputIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(HostileInputIntegrationTests.class);

	private static final Path WORK = Path.of("target", "hardening").toAbsolutePath();

	private static final int NUMBERED_RATE = 100;

	private static final int NUMBERED_LINES = 2000;

	private static final Duration LONGEST_SILENCE = Duration.ofSeconds(2);

	private static final Pattern NUMBERED_SEQ = Pattern.compile("^num seq=(\\d+) ");

	private final DockerFixture docker = DockerFixture.shared();

	@Test
	void hostileLinesAreRedactedOrDeadLetteredWhileAnotherEnvironmentStreamsWithoutGapOrRepeat(
			StandaloneProcess standalone) throws Exception {
		// given a standalone that follows only the test run's containers: one waiting to stream numbered lines, one idle
		String run = UUID.randomUUID().toString().substring(0, 8);
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		List<Line> corpus = HostileCorpus.lines();
		Path corpusFile = Files.write(WORK.resolve("corpus.txt"), HostileCorpus.file(corpus));
		try (DemoContainer numbered = this.docker.startDemo("hardening-numbered-" + run, SharedStandalone.FOLLOWED,
				"demo", "stamped", "-r", Integer.toString(NUMBERED_RATE), "-n", Integer.toString(NUMBERED_LINES), "-s",
				"100", "-p", "num", "-w", "/tmp/go");
				DemoContainer hostile = this.docker.startDemo("hardening-hostile-" + run, SharedStandalone.FOLLOWED)) {
			String token = standalone.token("hardening", true);
			GatewayApi gateway = new GatewayApi(standalone.gatewayUrl(), token);
			gateway.awaitListed(numbered.environmentId());
			gateway.awaitListed(hostile.environmentId());
			try (LiveLogClient live = LiveLogClient.follow(standalone.gatewayUrl(), numbered.environmentId(), token)) {

				// when the numbered lines flow and the hostile container writes the corpus meanwhile
				assertThat(numbered.exec("touch", "/tmp/go").exitCode()).isZero();
				await("the first numbered lines at the live client").atMost(Duration.ofSeconds(60))
					.until(() -> live.received().size() >= NUMBERED_RATE);
				writeToStdout(hostile, corpusFile);

				// then the numbered environment arrives whole and without a long silence, live and in history
				await("every numbered line at the live client").atMost(Duration.ofSeconds(NUMBERED_LINES / NUMBERED_RATE + 60))
					.pollInterval(Duration.ofMillis(500))
					.untilAsserted(() -> assertThat(live.received())
						.as("numbered lines at the live client (closed: %s; standalone log %s)", live.closed(),
								standalone.log())
						.hasSizeGreaterThanOrEqualTo(NUMBERED_LINES));
				List<Long> allSeqs = LongStream.rangeClosed(1, NUMBERED_LINES).boxed().toList();
				assertThat(live.received()).as("lines at the live client that are not numbered lines")
					.filteredOn((line) -> numberOf(line.message()) < 0)
					.extracting((line) -> "seq " + line.seq() + ": "
							+ line.message().substring(0, Math.min(300, line.message().length())))
					.isEmpty();
				assertThat(live.received()).extracting((line) -> numberOf(line.message()))
					.as("numbered lines at the live client, each once in order")
					.containsExactlyElementsOf(allSeqs);
				await("every numbered line in history").atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(gateway.history(numbered.environmentId()))
						.extracting((line) -> numberOf(line.path("message").asString()))
						.as("numbered lines in history, each once in order")
						.containsExactlyElementsOf(allSeqs));

				// and each hostile line is in history, its secrets hidden, or a dead letter with a reason; all counted
				await("every hostile line in history or in the dead-letter topic").atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofSeconds(1))
					.untilAsserted(() -> assertEachHostileLineOnce(corpus, gateway.history(hostile.environmentId()),
							DeadLetters.read(standalone.kafkaBootstrapServers())));
				List<String> history = gateway.history(hostile.environmentId())
					.stream()
					.map((line) -> line.path("message").asString())
					.toList();
				List<DeadLetters.Letter> deadLetters = DeadLetters.read(standalone.kafkaBootstrapServers());
				assertStoredAsWritten(corpus, history);
				assertCounted(standalone, corpus, history, deadLetters);
				log.info("numbered environment: {} lines at the live client, longest silence {}; hostile lines: {} in "
						+ "history, {} dead letters", live.received().size(), live.longestSilence(), history.stream()
							.filter((m) -> m.contains("hostile-"))
							.count(), deadLetters.size());
				assertThat(live.longestSilence()).as("longest silence of the numbered environment at the live client")
					.isLessThanOrEqualTo(LONGEST_SILENCE);
			}
		}
	}

	private static void assertEachHostileLineOnce(List<Line> corpus, List<JsonNode> stored,
			List<DeadLetters.Letter> deadLetters) {
		List<String> history = stored.stream().map((line) -> line.path("message").asString()).toList();
		SoftAssertions softly = new SoftAssertions();
		for (Line line : corpus) {
			long inHistory = history.stream().filter((message) -> message.contains(line.id())).count();
			long dead = deadLetters.stream().filter((letter) -> letter.contains(line.id())).count();
			softly.assertThat(inHistory + dead)
				.as("%s (%s): %d time(s) in history, %d dead letter(s)", line.id(), line.what(), inHistory, dead)
				.isEqualTo(1);
			if (inHistory == 1 && line.secret() != null) {
				String message = history.stream().filter((m) -> m.contains(line.id())).findFirst().orElseThrow();
				softly.assertThat(message).as("%s (%s) in history", line.id(), line.what())
					.doesNotContain(line.secret());
			}
		}
		softly.assertThat(deadLetters).as("dead letters").allSatisfy((letter) -> assertThat(letter.reason())
			.as("reason of a dead letter").isNotBlank());
		softly.assertThat(history).as("hostile lines in history").noneMatch((m) -> m.contains(HostileCorpus.SECRET_MARK));
		softly.assertAll();
	}

	/**
	 * Lines that hide nothing arrive as written, those around Docker's 16 KiB split whole; the 1 MiB ones are cut by
	 * the collector to what a record of the broker holds (1 MiB + 12 bytes by default, less the record's envelope),
	 * with its marker.
	 */
	private static void assertStoredAsWritten(List<Line> corpus, List<String> history) {
		SoftAssertions softly = new SoftAssertions();
		for (Line line : corpus) {
			String stored = history.stream().filter((m) -> m.contains(line.id())).findFirst().orElse(null);
			if (stored == null) {
				continue; // a dead letter
			}
			int length = line.bytes().length;
			if (line.what().startsWith("16 KiB") || line.what().startsWith("exactly 16 KiB")) {
				softly.assertThat(stored).as("%s (%s): not cut", line.id(), line.what())
					.doesNotContain("[truncated")
					.endsWith("y".repeat(1000))
					.hasSizeGreaterThan(length - 64);
				if (line.secret() == null) {
					softly.assertThat(stored).as("%s (%s)", line.id(), line.what()).isEqualTo(line.text());
				}
			}
			else if (length >= HostileCorpus.COLLECTOR_MAX_LINE) {
				// the processor cuts a redacted long line back to its own size, which may take the marker's last bytes
				softly.assertThat(stored).as("%s (%s): cut by the collector", line.id(), line.what())
					.hasSizeGreaterThan(HostileCorpus.COLLECTOR_MAX_LINE - 32 * 1024)
					.contains("y".repeat(1000) + "\u2026 [truncated ");
			}
			else if (line.what().equals("invalid UTF-8")) {
				softly.assertThat(stored).as("%s (%s)", line.id(), line.what()).contains("\uFFFD");
			}
			else if (line.what().equals("NUL bytes")) {
				// PostgreSQL text holds no NUL: the persister stores U+FFFD instead
				softly.assertThat(stored).as("%s (%s)", line.id(), line.what()).contains("a\uFFFDb\uFFFD\uFFFD ");
			}
			else if (line.what().equals("ANSI escape flood")) {
				softly.assertThat(stored).as("%s (%s)", line.id(), line.what()).isEqualTo(line.text());
			}
		}
		softly.assertAll();
	}

	/**
	 * Every redacted line and every dead letter shows in the processor's counters. Both the counters and the topic
	 * cover the standalone's whole life, the suites before this one included, so every dead letter counts once on
	 * each side; nothing else writes meanwhile.
	 */
	private static void assertCounted(StandaloneProcess standalone, List<Line> corpus, List<String> history,
			List<DeadLetters.Letter> deadLetters) throws IOException, InterruptedException {
		long redactedLines = corpus.stream()
			.filter((line) -> line.secret() != null)
			.filter((line) -> history.stream().anyMatch((m) -> m.contains(line.id())))
			.count();
		String metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(standalone.processorUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(counter(metrics, "envstream_processor_records_redacted_total"))
			.as("redactions counted, over all rules (%d hostile lines with secrets are in history)", redactedLines)
			.isGreaterThanOrEqualTo(redactedLines);
		assertThat(counter(metrics, "envstream_processor_dead_letters_total")).as("dead letters counted")
			.isEqualTo(deadLetters.size());
	}

	/** The sum of a counter over all its label sets in Prometheus text. */
	private static double counter(String prometheusText, String name) {
		return prometheusText.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/** Copies the file into the container and has its main process print it on stdout (as if it logged it). */
	private void writeToStdout(DemoContainer container, Path file) {
		this.docker.client().copyArchiveToContainerCmd(container.id())
			.withHostResource(file.toString())
			.withRemotePath("/tmp")
			.exec();
		assertThat(container.exec("sh", "-c", "cat /tmp/" + file.getFileName() + " > /proc/1/fd/1").exitCode())
			.as("writing the corpus").isZero();
	}

	private static long numberOf(String message) {
		Matcher matcher = NUMBERED_SEQ.matcher(message);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

}
