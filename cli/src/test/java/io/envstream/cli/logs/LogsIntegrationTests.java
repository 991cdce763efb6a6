package io.envstream.cli.logs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.cli.CliRun;
import io.envstream.cli.Envstream;
import io.envstream.cli.Exit;
import io.envstream.cli.Gateway;
import io.envstream.cli.Relay;
import io.envstream.cli.SharedGateway;
import io.envstream.cli.Target;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.process.ChildProcesses;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code envstream logs} against a real gateway (real Kafka and PostgreSQL), through real WebSockets.
 */
class LogsIntegrationTests {

	private final GatewayInstance gateway = SharedGateway.shared().gateway();

	private final Environments environments = SharedGateway.shared().environments();

	@Test
	void followsThroughAGatewayRestartPrintingEverySeqOnce() throws Exception {
		// given: a gateway of this test's own behind an address that stays, and 50 lines already written
		String environment = Environments.newId("cli-restart");
		environments.create(environment, "alice", null);
		environments.awaitVisible(environments.write(environment, Stream.STDOUT, 50));
		try (GatewayInstance departing = GatewayInstance.start(); Relay address = new Relay(departing.port())) {
			CliRun logs = CliRun.against("http://127.0.0.1:" + address.port(), JWT.token("alice"))
				.start("logs", environment, "-f", "-o", "json");
			await().atMost(Duration.ofSeconds(60)).until(() -> seqs(logs.out(), environment).contains(50L));

			// when: the shared gateway takes the address, the departing one shuts down (1001), lines go on being written
			address.target(this.gateway.port());
			departing.close();
			environments.write(environment, Stream.STDOUT, 25);
			environments.persist(environments.write(environment, Stream.STDERR, 25));

			// then: every seq once, in order; the reconnect told on stderr, not on stdout
			await().atMost(Duration.ofSeconds(90)).until(() -> seqs(logs.out(), environment).size() >= 100);
			logs.console().interrupt();
			assertThat(logs.exitCode()).isZero();
			assertThat(seqs(logs.out(), environment)).containsExactlyElementsOf(range(1, 100));
			assertThat(logs.err()).contains("the server is shutting down").contains("reconnected");
		}
	}

	@Test
	void mergesTwoEnvironmentsIntoOneStreamOrderedByTime() {
		// given: two environments written in turns, part stored in PostgreSQL, part only in Kafka
		String web = Environments.newId("cli-web");
		String worker = Environments.newId("cli-worker");
		environments.create(web, "alice", null);
		environments.create(worker, "alice", null);
		for (int round = 0; round < 4; round++) {
			Environments.Written a = environments.write(web, Stream.STDOUT, 30);
			Environments.Written b = environments.write(worker, Stream.STDERR, 20);
			if (round < 2) {
				environments.persist(a);
				environments.persist(b);
			}
			environments.awaitVisible(a);
			environments.awaitVisible(b);
		}

		// when
		CliRun logs = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		int status = logs.run("logs", web, worker, "--tail", "1000", "-o", "json");

		// then: every seq of both, once, and the merged stream never goes back in time
		assertThat(status).isZero();
		assertThat(seqs(logs.out(), web)).containsExactlyElementsOf(range(1, 120));
		assertThat(seqs(logs.out(), worker)).containsExactlyElementsOf(range(1, 80));
		List<Instant> times = lines(logs.out()).stream().map((line) -> Instant.parse(line.path("timestamp").asText())).toList();
		assertThat(times).isSorted();
		assertThat(lines(logs.out()).stream().map((line) -> line.path("environment").asText()).distinct()).hasSize(2);
	}

	@Test
	void replaysRecordedLinesPacedAndInOrderUpToUntil() {
		// given: six bursts of three lines, 2 s apart, recorded an hour ago; the first two stored in PostgreSQL
		String environment = Environments.newId("cli-replay");
		environments.create(environment, "alice", null);
		Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		Environments.Written burst = null;
		for (int i = 0; i < 6; i++) {
			burst = environments.writeAt(environment, Stream.STDOUT, 3, start.plusSeconds(2L * i));
			if (i < 2) {
				environments.persist(burst);
			}
		}
		environments.awaitVisible(burst);

		// when: replayed five times faster up to just after the fourth burst, 6 s of recording
		CliRun replay = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		long began = System.nanoTime();
		int status = replay.run("logs", environment, "--replay", "--since", start.toString(), "--speed", "5", "--until",
				start.plusMillis(6500).toString(), "-o", "json");
		Duration took = Duration.ofNanos(System.nanoTime() - began);

		// then: the four bursts in order and nothing after --until; paced, so the 6 s took at least 6 / 5 s (a floor
		// only: load can make a replay slower, never faster)
		assertThat(status).isZero();
		assertThat(seqs(replay.out(), environment)).containsExactlyElementsOf(range(1, 12));
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
	}

	@Test
	void replaysAndThenJoinsTheLiveStream() {
		// given: three bursts a second apart, ending seconds ago
		String environment = Environments.newId("cli-replay-live");
		environments.create(environment, "alice", null);
		Instant start = Instant.now().minusSeconds(10);
		Environments.Written burst = null;
		for (int i = 0; i < 3; i++) {
			burst = environments.writeAt(environment, Stream.STDOUT, 3, start.plusSeconds(i));
		}
		environments.awaitVisible(burst);
		CliRun replay = CliRun.against(gateway.httpUrl(""), JWT.token("alice"))
			.start("logs", environment, "--replay", "--since", start.toString(), "--speed", "10", "-o", "json");
		await().atMost(Duration.ofSeconds(60)).until(() -> seqs(replay.out(), environment).size() >= 9);

		// when: lines written after the replay
		environments.write(environment, Stream.STDERR, 5);

		// then: they follow, every seq once; Ctrl-C ends it with status 0
		await().atMost(Duration.ofSeconds(60)).until(() -> seqs(replay.out(), environment).size() >= 14);
		replay.console().interrupt();
		assertThat(replay.exitCode()).isZero();
		assertThat(seqs(replay.out(), environment)).containsExactlyElementsOf(range(1, 14));
	}

	@Test
	void followsTheEnvironmentsThatMatchTheSelectorLater() {
		// given: the one environment of a team, followed by selector
		String team = Environments.newId("cli-team");
		String first = Environments.newId("cli-follow");
		environments.create(first, "alice", team);
		environments.awaitVisible(environments.write(first, Stream.STDOUT, 3));
		CliRun logs = CliRun.against(gateway.httpUrl(""), JWT.token("alice"))
			.start("logs", "-l", "team=" + team, "-f", "-o", "json");
		await().atMost(Duration.ofSeconds(60)).until(() -> seqs(logs.out(), first).size() == 3);

		// when: a container of the team starts on the real engine after the command, registered as the persister
		// would, and both environments write
		String later = Environments.newId("cli-follow-later");
		try (DemoContainer container = SharedGateway.shared().startEnvironment(later, "alice")) {
			environments.team(later, team);
			environments.write(later, Stream.STDOUT, 4);
			environments.write(first, Stream.STDOUT, 2);

			// then: the new environment's lines merge in, every seq of both once; its joining is told on stderr
			await().atMost(Duration.ofSeconds(60))
				.until(() -> seqs(logs.out(), later).size() >= 4 && seqs(logs.out(), first).size() >= 5);
			logs.console().interrupt();
			assertThat(logs.exitCode()).isZero();
			assertThat(seqs(logs.out(), later)).containsExactlyElementsOf(range(1, 4));
			assertThat(seqs(logs.out(), first)).containsExactlyElementsOf(range(1, 5));
			assertThat(logs.err()).contains(later + ": matches -l team=" + team + ", following it");
		}
	}

	@Test
	void aFollowedSelectorThatMatchesNothingYetWaitsForItsFirstEnvironment() {
		// given: a team with no environment yet; without -f that is an unknown environment
		String team = Environments.newId("cli-team-none-yet");
		CliRun once = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		assertThat(once.run("logs", "-l", "team=" + team)).isEqualTo(Exit.NOT_FOUND);
		assertThat(once.err()).contains("no environment you may see matches team=" + team);
		CliRun logs = CliRun.against(gateway.httpUrl(""), JWT.token("alice")).start("logs", "-l", "team=" + team, "-f", "-o", "json");
		await().atMost(Duration.ofSeconds(30)).until(() -> logs.err().contains("waiting for one"));

		// when: the team's first environment appears and writes
		String first = Environments.newId("cli-first-of-team");
		environments.create(first, "alice", team);
		environments.write(first, Stream.STDOUT, 3);

		// then: it is followed; Ctrl-C ends the command with 0
		await().atMost(Duration.ofSeconds(60)).until(() -> seqs(logs.out(), first).size() >= 3);
		logs.console().interrupt();
		assertThat(logs.exitCode()).isZero();
		assertThat(seqs(logs.out(), first)).containsExactlyElementsOf(range(1, 3));
		assertThat(logs.err()).contains(first + ": matches -l team=" + team + ", following it");
	}

	@Test
	void pipedOutputHoldsOnlyTheLinesWithoutColours() {
		String web = Environments.newId("cli-pipe-a");
		String worker = Environments.newId("cli-pipe-b");
		environments.create(web, "alice", null);
		environments.create(worker, "alice", null);
		environments.awaitVisible(environments.write(web, Stream.STDOUT, 5));
		environments.awaitVisible(environments.write(worker, Stream.STDOUT, 5));

		CliRun piped = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		assertThat(piped.run("logs", web, worker)).isZero();
		CliRun coloured = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		assertThat(coloured.run("logs", web, worker, "--color=always")).isZero();

		// a pipe gets "<environment> <message>" lines and nothing else; forcing colours is what puts ANSI in
		List<String> lines = piped.out().lines().toList();
		assertThat(lines).hasSize(10).allSatisfy((line) -> assertThat(line).matches("cli-pipe-[ab]-\\S+ message-\\d+"));
		assertThat(piped.out()).doesNotContain("\u001b");
		assertThat(coloured.out()).contains("\u001b[36m" + web);
	}

	@Test
	void aProcessFollowingThroughPipesEndsWithStatusZeroOnCtrlC() throws Exception {
		// given: the command line in a JVM of its own, its stdout and stderr pipes as in `envstream logs -f web | grep`
		String environment = Environments.newId("cli-sigint");
		environments.create(environment, "alice", null);
		environments.awaitVisible(environments.write(environment, Stream.STDOUT, 3));
		// SIGINT as a terminal's foreground job gets it: a build started as a background job of a shell without job
		// control ignores SIGINT, every process it starts inherits that, and a JVM then installs no handler for it
		List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
		command.addAll(ChildProcesses.java());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Envstream.class.getName(), "logs", environment,
				"-f"));
		Path stderr = Files.createTempFile("envstream-cli-sigint-", ".err");
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("ENVSTREAM_URL", gateway.httpUrl(""));
		builder.environment().put("ENVSTREAM_TOKEN", JWT.token("alice"));
		Process process = builder.redirectError(stderr.toFile()).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(List.of(out.readLine(), out.readLine(), out.readLine())).containsExactly("message-1", "message-2",
					"message-3");

			// when: Ctrl-C
			signal(process, "INT");

			// then
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGINT")
				.withFailMessage(() -> "still running 60 s after SIGINT; " + threadsAndStderr(process, out, stderr))
				.isTrue();
			assertThat(process.exitValue()).isZero();
			assertThat(out.readLine()).as("nothing more on stdout").isNull();
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(stderr);
		}
	}

	private static void signal(Process process, String signal) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
	}

	/** A hung command line's threads (SIGQUIT: the JVM prints them on its stdout) and what it wrote on stderr. */
	private static String threadsAndStderr(Process process, BufferedReader out, Path stderr) {
		try {
			signal(process, "QUIT");
			// the JVM's signal dispatcher writes the dump on its own time: give it that, then take what is there
			// (the process still runs, so its stdout has no end to read to)
			process.waitFor(2, TimeUnit.SECONDS);
			StringBuilder dump = new StringBuilder();
			while (out.ready()) {
				dump.append((char) out.read());
			}
			return "its stdout since:\n" + dump + "\nits stderr:\n" + Files.readString(stderr);
		}
		catch (Exception ex) {
			return "its threads could not be read: " + ex;
		}
	}

	@Test
	void exitsWithTheStatusOfEachRefusal() {
		String environment = Environments.newId("cli-refusals");
		environments.create(environment, "alice", null);

		CliRun badToken = CliRun.against(gateway.httpUrl(""), JWT.tokenSignedByOtherKey("alice"));
		assertThat(badToken.run("logs", environment)).isEqualTo(3);
		assertThat(badToken.err()).contains("not signed in, or the token has expired");
		CliRun noAccess = CliRun.against(gateway.httpUrl(""), JWT.token("mallory"));
		assertThat(noAccess.run("logs", environment)).isEqualTo(4);
		assertThat(noAccess.err()).contains("you may not access this environment");
		CliRun unknown = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		assertThat(unknown.run("logs", "cli-no-such-environment")).isEqualTo(5);
		assertThat(unknown.err()).contains("does not exist");
		CliRun restBadToken = CliRun.against(gateway.httpUrl(""), JWT.tokenSignedByOtherKey("alice"));
		assertThat(restBadToken.run("ls")).isEqualTo(3);
		for (CliRun run : List.of(badToken, noAccess, unknown, restBadToken)) {
			assertThat(run.out()).isEmpty();
		}
	}

	@Test
	void exitsWithSixWhenEveryRetryFindsTheEnvironmentFull() {
		// given: an environment holding as many connections as the gateway allows one environment (10)
		String environment = Environments.newId("cli-busy");
		environments.create(environment, "alice", null);
		List<WsClient> held = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				held.add(WsClient.connect(gateway.statusUrl(environment, "token=" + JWT.token("alice"))));
			}

			// when: the backoff starts at 100 ms, so the five retries take about 3 s
			CliRun logs = CliRun.against(gateway.httpUrl(""), JWT.token("alice")).env(Target.BACKOFF_VARIABLE, "100ms");
			int status = logs.run("logs", environment);

			// then: 4429 each time, then status 6, said in words
			assertThat(status).isEqualTo(6);
			assertThat(logs.err()).contains("too many connections to this environment (10)")
				.contains("retry 5 of 5")
				.contains("gave up after 5 retries");
			assertThat(logs.out()).isEmpty();
		}
		finally {
			held.forEach(WsClient::close);
		}
	}

	@Test
	void listsTheEnvironmentsTheCallerMaySeeBySelector() {
		String mine = Environments.newId("cli-ls");
		String teams = Environments.newId("cli-ls");
		environments.create(mine, "lsuser", null);
		environments.create(teams, "someone", "ls-team");

		CliRun table = CliRun.against(gateway.httpUrl(""), JWT.token("lsuser", "ls-team"));
		assertThat(table.run("ls", "-l", "team=ls-team")).isZero();
		assertThat(table.out().lines().toList()).hasSize(2).first().asString().startsWith("ID").contains("STATUS", "HOST", "OWNER", "IMAGE");
		assertThat(table.out()).contains(teams).doesNotContain(mine);
		CliRun json = CliRun.against(gateway.httpUrl(""), JWT.token("lsuser", "ls-team"));
		assertThat(json.run("ls", "-o", "json")).isZero();
		assertThat(json.out()).contains("\"" + mine + "\"", "\"" + teams + "\"");
	}

	/** The complete lines printed so far (a line being printed has no newline yet). */
	private static List<JsonNode> lines(String out) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : out.substring(0, out.lastIndexOf('\n') + 1).lines().toList()) {
			try {
				lines.add(Gateway.JSON.readTree(line));
			}
			catch (Exception ex) {
				throw new AssertionError("not a JSON line on stdout: " + line, ex);
			}
		}
		return lines;
	}

	private static List<Long> seqs(String out, String environment) {
		return lines(out).stream()
			.filter((line) -> line.path("environment").asText().equals(environment))
			.map((line) -> line.path("seq").asLong())
			.collect(Collectors.toList());
	}

	private static List<Long> range(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

}
