package io.envstream.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.envstream.cli.Envstream;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.Statistics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.process.ChildProcesses;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;

/**
 * How fast {@code envstream logs ENV --since T} prints stored lines, and how soon its first line comes, beside
 * {@code docker logs --since T} on the same lines in the same run. A demo container prints the lines ({@code demo
 * lines}, 200 B each) and exits; the lines {@code docker logs} reads back from it are written to envstream.logs and
 * stored in PostgreSQL, as the pipeline stores them. Each command then runs as a process of its own with stdout a pipe
 * read to its end, as {@code envstream logs web > file} would: the CLI with the JVM options {@code bin/envstream} gives
 * it, the real gateway, broker and PostgreSQL behind it. Three rounds of each, alternating; the medians are recorded.
 * <p>
 * Run alone: {@code infra/dev/bench.sh -pl cli -am -Dit.test=CliLogsBenchmark}; {@code -Dbench.cli.lines=20000} for a
 * small try (its figures say how many lines). Writes docs/benchmarks/cli-logs.json.
 */
class CliLogsBenchmark {

	private static final int LINES = Integer.getInteger("bench.cli.lines", 1_000_000);

	private static final int LINE_BYTES = 200;

	/** Lines per envstream.logs record, as the processor batches a busy container's lines. */
	private static final int BATCH_LINES = 1000;

	private static final int ROUNDS = 3;

	/** What bin/envstream starts the CLI with unless ENVSTREAM_CLI_JAVA_OPTS says otherwise. */
	private static final List<String> CLI_JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1");

	/** One command's run: the lines it printed, when the first came and when it ended, from its start. */
	private record Run(long lines, long firstLineNanos, long endNanos) {

		double linesPerSecond() {
			return this.lines / (this.endNanos / 1e9);
		}

		double firstLineMillis() {
			return this.firstLineNanos / 1e6;
		}

	}

	@Test
	void linesPerSecondAndTimeToFirstLineBesideDockerLogs() throws Exception {
		String loadBefore = loadAverage();
		try (GatewayInstance gateway = GatewayInstance.start("--logging.level.root=warn");
				Environments environments = new Environments()) {
			String environment = Environments.newId("bench-cli");
			environments.create(environment, "bench", null);
			Instant since = Instant.now().minusSeconds(1);
			try (DemoContainer container = DockerFixture.shared().startDemo(environment, "lines", "-r", "10000000",
					"-n", Integer.toString(LINES), "-s", Integer.toString(LINE_BYTES))) {
				container.awaitExit(Duration.ofMinutes(30));
				ProcessBuilder docker = new ProcessBuilder("docker", "logs", "--since", since.toString(), container.id());
				store(environments, environment, docker);
				ProcessBuilder cli = cli(gateway, environment, since);

				List<Run> dockerRuns = new ArrayList<>();
				List<Run> cliRuns = new ArrayList<>();
				for (int round = 0; round < ROUNDS; round++) {
					dockerRuns.add(run(docker));
					cliRuns.add(run(cli));
				}

				String what = String.format(Locale.ROOT, "%,d stored lines of %d B, stdout a pipe", LINES, LINE_BYTES);
				String baseline = "docker logs --since, same lines and run";
				BenchmarkResults.ofRepository().record("cli-logs", List.of(
						Metric.against("lines/s printed by envstream logs --since, " + what,
								median(cliRuns, Run::linesPerSecond), "lines/s", baseline,
								median(dockerRuns, Run::linesPerSecond)),
						Metric.against("time to the first line, envstream logs --since (its JVM's start included), " + what,
								median(cliRuns, Run::firstLineMillis), "ms", baseline,
								median(dockerRuns, Run::firstLineMillis))),
						List.of("Medians of " + ROUNDS + " rounds, each command run in turn as a process of its own; the "
								+ "CLI with bin/envstream's JVM options (" + String.join(" ", CLI_JAVA_OPTIONS)
								+ ") on the test classpath, against a gateway, broker and PostgreSQL in the benchmark's JVM "
								+ "on the same machine.",
								"Machine load average (1 min) " + loadBefore + " when the benchmark started, "
										+ loadAverage() + " when it ended."));
			}
		}
	}

	/** Writes the container's lines, as docker logs reads them, to envstream.logs and PostgreSQL. */
	private static void store(Environments environments, String environment, ProcessBuilder docker)
			throws IOException, InterruptedException {
		Process process = docker.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		Environments.Written last = null;
		long stored = 0;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
			List<String> batch = new ArrayList<>(BATCH_LINES);
			String line;
			while ((line = lines.readLine()) != null) {
				batch.add(line);
				if (batch.size() == BATCH_LINES) {
					last = storeBatch(environments, environment, batch);
					stored += batch.size();
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				last = storeBatch(environments, environment, batch);
				stored += batch.size();
			}
		}
		if (process.waitFor() != 0 || stored != LINES) {
			throw new IllegalStateException("docker logs read " + stored + " lines of the container's " + LINES
					+ " (exit status " + process.exitValue() + ")");
		}
		environments.awaitVisible(last);
	}

	private static Environments.Written storeBatch(Environments environments, String environment, List<String> lines) {
		Environments.Written written = environments.write(environment, Stream.STDOUT, List.copyOf(lines));
		environments.persist(written);
		return written;
	}

	/** The CLI as bin/envstream runs it, against the gateway with a token of the environment's owner. */
	private static ProcessBuilder cli(GatewayInstance gateway, String environment, Instant since) {
		List<String> command = new ArrayList<>(ChildProcesses.java());
		command.addAll(CLI_JAVA_OPTIONS);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Envstream.class.getName(), "logs",
				environment, "--since", since.toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("ENVSTREAM_URL", gateway.httpUrl(""));
		builder.environment().put("ENVSTREAM_TOKEN", JWT.token("bench"));
		builder.environment().put("ENVSTREAM_CONFIG", Path.of(System.getProperty("java.io.tmpdir"), "envstream-bench-none").toString());
		return builder;
	}

	/** Runs the command, reading its stdout to the end: its lines, the first line's time and the end's. */
	private static Run run(ProcessBuilder command) throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process process = command.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		long lines = 0;
		long first = -1;
		byte[] buffer = new byte[1 << 16];
		try (InputStream out = process.getInputStream()) {
			int read;
			while ((read = out.read(buffer)) >= 0) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						if (lines++ == 0) {
							first = System.nanoTime() - start;
						}
					}
				}
			}
		}
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || lines != LINES) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command.command()) + " printed " + lines + " lines of "
					+ LINES + (process.isAlive() ? " and did not end" : ", exit status " + process.exitValue()));
		}
		return new Run(lines, first, System.nanoTime() - start);
	}

	private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
		return Statistics.median(runs.stream().mapToDouble(figure).toArray());
	}

	private static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
	}

}
