package io.envstream.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out of the full fleet, through the load balancer: the highest rate at which 1 host, then 3
 * hosts, get every line to a following client exactly once with p99 latency at most
 * {@value #P99_BOUND_MILLIS} ms, and beside it the highest that also keeps p99 within 1 s. Each step
 * runs one writer per host ({@code /bin/demo stamped}: numbered lines stamped with the time they
 * were written, 200 bytes) for {@value #STEP_SECONDS} s, the step's total rate split evenly between
 * the hosts, with one {@link FollowingClient} per writer connected before the first line; the total
 * rate doubles from {@value #FIRST_TOTAL_RATE} lines/s (the same steps for both ramps) until a step
 * loses or repeats a line, or its p99 exceeds the bound. The figures go to {@code docs/benchmarks/fleet-scale.json}, with every
 * step and the CPU each of the fleet's containers took in the first step that failed (what bounds the figure).
 */
class ScaleFleetSuite extends FleetThroughTheLoadBalancer {

	private static final int STEP_SECONDS = 15;

	/** Divisible by 3, as every doubling of it: each of 3 hosts writes the same share. */
	private static final int FIRST_TOTAL_RATE = 30;

	private static final int LAST_TOTAL_RATE = 30_720;

	/**
	 * A step's p99 bound. The end-to-end suite's 1 s is one process per stage on a quiet machine; here 14
	 * JVMs share 2 cores, and one host at 30 lines/s measured p99 750 to 1,100 ms, so 1 s alone would name
	 * no rate. A fleet slower than the rate piles up a backlog whose latency grows through the step's 15 s,
	 * which takes p99 past 5 s: the bound still separates keeping up from falling behind (a rule on the
	 * latency's growth alone passed steps whose lines waited 54 s).
	 */
	private static final long P99_BOUND_MILLIS = 5000;

	private static final long P99_ONE_SECOND_MILLIS = 1000;

	/** How long after a step's last line is written its client may still receive lines before the step counts as losing them. */
	private static final Duration DRAIN = Duration.ofSeconds(60);

	/** Names this run's environments apart from an earlier run's on a fleet kept running (envstream.fleet.running). */
	private static final String RUN = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

	/** One step of a ramp: what the writers wrote and how the clients received it. */
	record Step(int hosts, int ratePerHost, long written, double writtenPerSecond, long lost, long repeated, long p99Millis,
			String busiest, double fleetCpuPercent, double loadAverage) {

		boolean passed() {
			return this.lost == 0 && this.repeated == 0 && this.p99Millis <= P99_BOUND_MILLIS;
		}

		boolean withinOneSecond() {
			return passed() && this.p99Millis <= P99_ONE_SECOND_MILLIS;
		}

		/** What bounded a failing step: how far the writers fell short of the rate asked, and how busy the fleet was. */
		String bound() {
			int cores = Runtime.getRuntime().availableProcessors();
			return String.format(Locale.ROOT,
					"the writers wrote %.0f%% of the rate asked; the fleet's containers took %.0f%% of the machine's %d cores (the rest: the test's JVM with its clients, and the machine's own processes); by container (docker stats, 100%% is one core; a host's includes its writer): %s",
					100 * this.writtenPerSecond / (this.ratePerHost * (double) this.hosts), this.fleetCpuPercent / cores, cores, this.busiest);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d host(s) x %d lines/s asked: %,.0f lines/s written, %d lost, %d repeated, p99 %d ms, load %.1f",
					this.hosts, this.ratePerHost, this.writtenPerSecond, this.lost, this.repeated, this.p99Millis, this.loadAverage);
		}

	}

	/** Every step a ramp ran, in order: all passed but perhaps the last. */
	record Ramp(List<String> hosts, List<Step> steps) {

		/** The highest step that passed; null when even the first failed. */
		Step best() {
			return this.steps.stream().filter(Step::passed).reduce((lower, higher) -> higher).orElse(null);
		}

		/** The highest step that passed with p99 within 1 s; null when none. */
		Step bestWithinOneSecond() {
			return this.steps.stream().filter(Step::withinOneSecond).reduce((lower, higher) -> higher).orElse(null);
		}

		/** The step that ended the ramp; null when every step passed. */
		Step failed() {
			Step last = this.steps.get(this.steps.size() - 1);
			return last.passed() ? null : last;
		}

		static double rateOf(Step step) {
			return (step != null) ? step.writtenPerSecond() : 0;
		}

	}

	/** The full fleet; {@code -Denvstream.fleet.size=SMALL} tries the suite quickly on the small one (its figures then say so). */
	@Override
	Fleet.Size size() {
		return Fleet.Size.valueOf(System.getProperty("envstream.fleet.size", Fleet.Size.FULL.name()));
	}

	/** Per host, the demo environments up.sh seeded and this suite stopped: started again afterwards. */
	private final Map<String, List<String>> stoppedDemos = new LinkedHashMap<>();

	/** The demo environments up.sh seeds write lines of their own: stopped, so that a step's lines are the only ones. */
	@BeforeAll
	void stopDemoEnvironments() {
		for (String host : Fleet.HOSTS) {
			List<String> running = this.fleet.docker(host, "ps", "-q", "--filter", "label=envstream.owner=demo").lines().toList();
			if (!running.isEmpty()) {
				List<String> stop = new ArrayList<>(List.of("stop", "-t", "2"));
				stop.addAll(running);
				this.fleet.docker(host, stop.toArray(String[]::new));
				this.stoppedDemos.put(host, running);
			}
		}
	}

	@AfterAll
	void startDemoEnvironmentsAgain() {
		this.stoppedDemos.forEach((host, containers) -> {
			List<String> start = new ArrayList<>(List.of("start"));
			start.addAll(containers);
			this.fleet.docker(host, start.toArray(String[]::new));
		});
	}

	@Test
	void linesPerSecondOfOneHostAndOfThreeHostsLosslessWithinTheP99Bound() throws Exception {
		Ramp one = ramp(List.of(Fleet.HOSTS.get(0)));
		Ramp three = ramp(Fleet.HOSTS);
		record(one, three);
	}

	private Ramp ramp(List<String> hosts) throws Exception {
		List<Step> steps = new ArrayList<>();
		for (int total = FIRST_TOTAL_RATE; total <= LAST_TOTAL_RATE; total *= 2) {
			Step step = step(hosts, total / hosts.size());
			System.err.println("[fleet-scale] " + step);
			steps.add(step);
			if (!step.passed()) {
				break;
			}
		}
		return new Ramp(hosts, steps);
	}

	private Step step(List<String> hosts, int ratePerHost) throws Exception {
		int count = ratePerHost * STEP_SECONDS;
		Map<String, String> writerOfHost = new LinkedHashMap<>();
		for (String host : hosts) {
			writerOfHost.put(host, "scale-" + RUN + "-" + hosts.size() + "x" + ratePerHost + "-" + host);
		}
		// each writer waits for /tmp/go, so that its client follows before the first line
		hosts.parallelStream()
			.forEach((host) -> this.fleet.docker(host, "run", "-d", "--name", writerOfHost.get(host), "--label",
					"envstream.environment=" + writerOfHost.get(host), "--label", "envstream.owner=fleet-scale", "envstream/demo:local",
					"/bin/demo", "stamped", "-r", String.valueOf(ratePerHost), "-n", String.valueOf(count), "-s", "200", "-p",
					writerOfHost.get(host), "-w", "/tmp/go"));
		Map<String, FollowingClient> clientOfWriter = new LinkedHashMap<>();
		try {
			Awaitility.await("the writers listed")
				.atMost(PATIENCE)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> environments().containsAll(writerOfHost.values()));
			for (String writer : writerOfHost.values()) {
				clientOfWriter.put(writer, new FollowingClient(logsUrl(writer), 0, writer));
			}
			Awaitility.await("the clients connected")
				.atMost(PATIENCE)
				.until(() -> clientOfWriter.values().stream().allMatch(FollowingClient::connected));
			hosts.parallelStream().forEach((host) -> this.fleet.docker(host, "exec", writerOfHost.get(host), "touch", "/tmp/go"));
			// the fleet's CPU in the middle of the step: what bounds it when it fails
			Fleet.sleep(Duration.ofSeconds(STEP_SECONDS / 2));
			List<String> containerCpu = containerCpu();
			String busiest = String.join(", ", containerCpu);
			double fleetCpuPercent = containerCpu.stream().mapToDouble(ScaleFleetSuite::cpu).sum();
			double loadAverage = Machine.loadAverage();
			// what did not arrive within the drain counts as lost below
			LinesThroughAFault.await(Duration.ofSeconds(STEP_SECONDS).plus(DRAIN),
					() -> clientOfWriter.values().stream().allMatch((client) -> client.lines().size() >= count));
			// time for a repeat to show up
			Fleet.sleep(Duration.ofSeconds(2));
			long lost = 0;
			long repeated = 0;
			List<Long> latencies = new ArrayList<>();
			double writtenPerSecond = 0;
			for (Map.Entry<String, FollowingClient> entry : clientOfWriter.entrySet()) {
				List<String> messages = new ArrayList<>();
				long firstWritten = Long.MAX_VALUE;
				long lastWritten = 0;
				for (FollowingClient.Received line : entry.getValue().lines()) {
					messages.add(line.message());
					Matcher m = LinesThroughAFault.LINE.matcher(line.message());
					if (m.find()) {
						long written = Long.parseLong(m.group(3));
						latencies.add(line.arrivedMillis() - written);
						firstWritten = Math.min(firstWritten, written);
						lastWritten = Math.max(lastWritten, written);
					}
				}
				lost += LinesThroughAFault.missing(Map.of(entry.getKey(), (long) count), messages);
				repeated += LinesThroughAFault.repeats(messages);
				// the writer's real rate, over its own stamps (the writers start a little apart): a shell that
				// cannot keep up writes slower than asked; a tick's stamp is its start, so one tick is added
				if (lastWritten >= firstWritten) {
					writtenPerSecond += count / ((lastWritten - firstWritten) / 1000.0 + 0.1);
				}
			}
			long written = (long) count * hosts.size();
			return new Step(hosts.size(), ratePerHost, written, writtenPerSecond, lost, repeated, p99(latencies), busiest,
					fleetCpuPercent, loadAverage);
		}
		finally {
			clientOfWriter.values().forEach(FollowingClient::close);
			hosts.parallelStream().forEach((host) -> this.fleet.docker(host, "rm", "-f", writerOfHost.get(host)));
		}
	}

	/** The fleet's containers by CPU, busiest first, as docker stats has them (a host's includes its writers). */
	private List<String> containerCpu() {
		List<String> rows = new ArrayList<>(this.fleet.machineDocker("stats", "--no-stream", "--format", "{{.CPUPerc}} {{.Name}}")
			.lines()
			.filter((row) -> row.contains(this.fleet.project()))
			.map((row) -> row.replace(this.fleet.project() + "_", "").replaceFirst("_1$", ""))
			.toList());
		rows.sort((a, b) -> Double.compare(cpu(b), cpu(a)));
		return rows;
	}

	private static double cpu(String row) {
		return Double.parseDouble(row.substring(0, row.indexOf('%')));
	}

	private static long p99(List<Long> latencies) {
		if (latencies.isEmpty()) {
			return Long.MAX_VALUE;
		}
		List<Long> sorted = latencies.stream().sorted().toList();
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
	}

	private void record(Ramp one, Ramp three) {
		List<Metric> metrics = new ArrayList<>();
		String bound = "p99 <= " + P99_BOUND_MILLIS / 1000 + " s";
		double oneRate = Ramp.rateOf(one.best());
		metrics.add(Metric.of("highest lines/s lossless with " + bound + " through the load balancer, 1 host", oneRate, "lines/s"));
		String threeHosts = "highest lines/s lossless with " + bound + " through the load balancer, 3 hosts";
		// no ratio to a 1-host figure of 0 (not even the first step passed)
		metrics.add((oneRate > 0) ? Metric.against(threeHosts, Ramp.rateOf(three.best()), "lines/s", "1 host, same fleet and run", oneRate)
				: Metric.of(threeHosts, Ramp.rateOf(three.best()), "lines/s"));
		for (Ramp ramp : List.of(one, three)) {
			if (ramp.best() != null) {
				metrics.add(Metric.of("p99 latency writer to client at that rate, " + ramp.hosts().size() + " host(s)", ramp.best().p99Millis(), "ms"));
			}
		}
		for (Ramp ramp : List.of(one, three)) {
			metrics.add(Metric.of("highest lines/s lossless with p99 <= 1 s (the end-to-end suite's bound), " + ramp.hosts().size() + " host(s)",
					Ramp.rateOf(ramp.bestWithinOneSecond()), "lines/s"));
		}
		List<String> notes = new ArrayList<>(List.of(
				((size() == Fleet.Size.FULL)
						? "The full compose fleet (3 brokers RF 3 min.insync 2, 2 stream-processors, 2 gateways behind HAProxy, PostgreSQL, 3 Docker hosts with their collectors: 14 JVMs)"
						: "The small compose fleet (1 broker, 1 stream-processor, 1 gateway behind HAProxy, PostgreSQL, 3 Docker hosts with their collectors: 8 JVMs)")
						+ ", the writers and the test's clients on one machine of "
						+ Runtime.getRuntime().availableProcessors() + " cores; load average (1 min) " + Machine.loadAverage() + " when the results were written.",
				"Each step: one writer per host (/bin/demo stamped, 200-byte lines stamped with the time written) for " + STEP_SECONDS
						+ " s, the step's total rate split evenly between the hosts, one client per writer through the load balancer, connected before the first line; the total rate doubles from "
						+ FIRST_TOTAL_RATE + " lines/s (the same steps for 1 and 3 hosts) until a step loses or repeats a line at its client within " + DRAIN.toSeconds()
						+ " s of the step's end, or its p99 (writer's stamp to the client's receipt, one clock) exceeds " + P99_BOUND_MILLIS
						+ " ms. The figure is the best step's rate as written; the p99 <= 1 s figures are the best steps that also kept p99 within 1 s. The demo environments up.sh seeds are stopped meanwhile, so a step's lines are the only ones."));
		for (Ramp ramp : List.of(one, three)) {
			String what = ramp.hosts().size() + " host(s)";
			notes.add(what + ", every step: " + String.join("; ", ramp.steps().stream().map(Step::toString).toList()));
			notes.add(what + ": " + ((ramp.best() != null) ? "best step " + ramp.best() : "no step passed")
					+ ((ramp.failed() != null) ? "; bounded at the next step, " + ramp.failed() + "; in its middle " + ramp.failed().bound()
							: "; no step failed up to " + LAST_TOTAL_RATE + " lines/s"));
		}
		notes.add("The 3 hosts share the same 2 cores as the 1 host, with the whole fleet: the ratio shows what a second and third collector add when CPU is the bound, not what 3 machines would do.");
		BenchmarkResults.ofRepository().record("fleet-scale", metrics, notes);
	}

}
