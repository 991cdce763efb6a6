package io.envstream.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fault under traffic, measured: every host of the fleet runs a container that writes numbered
 * lines ({@code /bin/demo lines}, "PREFIX seq=N ts=MILLIS"), two clients per host follow its
 * environment through the load balancer ({@link FollowingClient}), the fault is injected, and then
 * every line each writer wrote (as its engine's {@code docker logs} has it) must be in PostgreSQL and
 * reach every client exactly once, in order.
 *
 * <p>
 * Seconds to recover: from the fault's end ({@link Fault#inject}) until every client has received a
 * line written after it (its {@code ts=}, the writer's clock, which is this machine's). A writer
 * that the fault stopped (its engine was stopped) is followed by a new one in the same environment
 * once the engine is back.
 */
final class LinesThroughAFault {

	/** What one fault did to the lines. {@code lost} and {@code repeated} add up every client and PostgreSQL. */
	record Outcome(Fault fault, long written, long lost, long repeated, long outOfOrder, double secondsToRecover, List<String> reconnects,
			List<String> problems) {

		/** Every line in PostgreSQL and at every client exactly once, in order; the fleet recovered in time. */
		void assertEveryLineExactlyOnceInOrder() {
			System.err.println("[fleet-faults] " + this);
			assertThat(this.problems).as(this.fault.description).isEmpty();
			assertThat(this.lost).isZero();
			assertThat(this.repeated).isZero();
			assertThat(this.outOfOrder).isZero();
		}

	}

	/** A numbered line of /bin/demo lines or stamped: its writer's prefix, seq and the time it was written (epoch ms). */
	static final Pattern LINE = Pattern.compile("^(\\S+) seq=(\\d+) ts=(\\d+)");

	/** Names this run's environments apart from an earlier run's on a fleet kept running (envstream.fleet.running). */
	private static final String RUN = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

	private static final int CLIENTS_PER_HOST = 2;

	/** Lines a second each host's writer writes. */
	private static final int RATE = 10;

	private static final Duration PATIENCE = FleetThroughTheLoadBalancer.PATIENCE;

	private final FleetThroughTheLoadBalancer fleetTest;

	private final Fleet fleet;

	LinesThroughAFault(FleetThroughTheLoadBalancer fleetTest) {
		this.fleetTest = fleetTest;
		this.fleet = fleetTest.fleet;
	}

	Outcome run(Fault fault) throws Exception {
		Map<String, String> environmentOfHost = new LinkedHashMap<>();
		Map<String, List<String>> writersOfHost = new LinkedHashMap<>();
		for (String host : Fleet.HOSTS) {
			String environment = "faults-" + fault.name().toLowerCase().replace('_', '-') + "-" + RUN + "-" + host;
			environmentOfHost.put(host, environment);
			writersOfHost.put(host, new CopyOnWriteArrayList<>(List.of(environment)));
		}
		// the hosts at once: each docker exec takes seconds on a loaded machine
		Fleet.HOSTS.parallelStream().forEach((host) -> startWriter(host, environmentOfHost.get(host), environmentOfHost.get(host)));
		awaitOrFail("the environments listed", () -> listed(environmentOfHost.values()));
		Map<FollowingClient, String> clients = new LinkedHashMap<>();
		try {
			for (String environment : environmentOfHost.values()) {
				for (int i = 1; i <= CLIENTS_PER_HOST; i++) {
					clients.put(new FollowingClient(this.fleetTest.logsUrl(environment), 10000, environment + "-" + i), environment);
				}
			}
			awaitOrFail("lines at every client before the fault",
					() -> clients.keySet().stream().allMatch((client) -> client.lines().size() >= 2 * RATE));

			long faultEnd = fault.inject(this.fleet);
			System.err.println("[fleet-faults] " + fault + " injected, ended at " + faultEnd);
			for (String host : Fleet.HOSTS) {
				// a writer the fault stopped (with its engine): a new one writes on in its environment
				String writer = writersOfHost.get(host).get(0);
				if (!this.fleet.docker(host, "inspect", "-f", "{{.State.Running}}", writer).strip().equals("true")) {
					startWriter(host, environmentOfHost.get(host), writer + "-after");
					writersOfHost.get(host).add(writer + "-after");
				}
			}
			List<String> problems = new ArrayList<>();
			boolean recovered = await(() -> clients.keySet().stream().allMatch((client) -> firstArrivalWrittenAfter(client, faultEnd) > 0));
			double secondsToRecover = PATIENCE.toSeconds();
			if (recovered) {
				long lastRecovered = clients.keySet().stream().mapToLong((client) -> firstArrivalWrittenAfter(client, faultEnd)).max().orElseThrow();
				secondsToRecover = (lastRecovered - faultEnd) / 1000.0;
			}
			else {
				problems.add("not every client got a line written after the fault's end within " + PATIENCE);
			}
			// a few more lines after the recovery, then the writers stop and their engines say what they wrote
			Fleet.sleep(Duration.ofSeconds(3));
			Map<String, Map<String, Long>> writtenIn = new ConcurrentHashMap<>();
			Fleet.HOSTS.parallelStream().forEach((host) -> {
				Map<String, Long> written = new HashMap<>();
				for (String writer : writersOfHost.get(host)) {
					this.fleet.docker(host, "stop", "-t", "5", writer);
					written.put(writer, lastSeqOf(host, writer));
				}
				writtenIn.put(environmentOfHost.get(host), written);
			});
			List<String> environments = List.copyOf(environmentOfHost.values());
			Map<String, Long> writtenAnywhere = new HashMap<>();
			writtenIn.values().forEach(writtenAnywhere::putAll);
			boolean complete = await(() -> clients.entrySet().stream().allMatch((c) -> missing(writtenIn.get(c.getValue()), messages(c.getKey())) == 0)
					&& missing(writtenAnywhere, stored(environments)) == 0);
			if (!complete) {
				problems.add("not every line reached every client and PostgreSQL within " + PATIENCE);
			}
			// time for a repeat to show up
			Fleet.sleep(Duration.ofSeconds(3));
			long lost = 0;
			long repeated = 0;
			long outOfOrder = 0;
			List<String> reconnects = new ArrayList<>();
			for (Map.Entry<FollowingClient, String> entry : clients.entrySet()) {
				FollowingClient client = entry.getKey();
				List<String> messages = messages(client);
				lost += count("client " + client, "lost", missing(writtenIn.get(entry.getValue()), messages), problems);
				repeated += count("client " + client, "repeated", repeats(messages), problems);
				outOfOrder += count("client " + client, "out of order", inversions(messages), problems);
				client.violations().forEach((violation) -> problems.add("schema: " + violation));
				reconnects.addAll(client.reconnects);
			}
			List<String> stored = stored(environments);
			lost += count("PostgreSQL", "lost", missing(writtenAnywhere, stored), problems);
			repeated += count("PostgreSQL", "repeated", repeats(stored), problems);
			long total = writtenAnywhere.values().stream().mapToLong(Long::longValue).sum();
			return new Outcome(fault, total, lost, repeated, outOfOrder, secondsToRecover, reconnects, problems);
		}
		finally {
			clients.keySet().forEach(FollowingClient::close);
			fault.repair(this.fleet);
			Fleet.HOSTS.parallelStream().forEach((host) -> writersOfHost.get(host).forEach((writer) -> this.fleet.docker(host, "rm", "-f", writer)));
		}
	}

	private void startWriter(String host, String environment, String writer) {
		this.fleet.docker(host, "run", "-d", "--name", writer, "--label", "envstream.environment=" + environment, "--label",
				"envstream.owner=fleet-faults", "envstream/demo:local", "/bin/demo", "lines", "-r", String.valueOf(RATE), "-s", "100", "-p",
				writer);
	}

	private boolean listed(java.util.Collection<String> environments) {
		try {
			return this.fleetTest.environments().containsAll(environments);
		}
		catch (Exception | AssertionError ex) {
			return false;
		}
	}

	/** The highest seq the writer wrote, as its engine's log has it. */
	private long lastSeqOf(String host, String writer) {
		return this.fleet.docker(host, "logs", writer)
			.lines()
			.map(LINE::matcher)
			.filter(Matcher::find)
			.mapToLong((m) -> Long.parseLong(m.group(2)))
			.max()
			.orElse(0);
	}

	/** When the client received the first line written at or after {@code since} (epoch ms), or 0 if none yet. */
	private static long firstArrivalWrittenAfter(FollowingClient client, long since) {
		for (FollowingClient.Received line : client.lines()) {
			Matcher m = LINE.matcher(line.message());
			if (m.find() && Long.parseLong(m.group(3)) >= since) {
				return line.arrivedMillis();
			}
		}
		return 0;
	}

	private static List<String> messages(FollowingClient client) {
		return client.lines().stream().map(FollowingClient.Received::message).toList();
	}

	/** The messages of the environments' lines stored in PostgreSQL. */
	private List<String> stored(List<String> environments) {
		String ids = environments.stream().map((id) -> "'" + id + "'").collect(Collectors.joining(","));
		try {
			return this.fleet.sql("select message from log_lines where environment_id in (" + ids + ") order by kafka_partition, kafka_offset, batch_index")
				.lines()
				.toList();
		}
		catch (IllegalStateException ex) {
			// PostgreSQL is what a fault may have stopped: no answer yet means nothing seen yet
			return List.of();
		}
	}

	/** Lines of the writers' seq 1..last that {@code messages} lacks. */
	static long missing(Map<String, Long> written, List<String> messages) {
		Set<String> seen = new HashSet<>();
		for (String message : messages) {
			Matcher m = LINE.matcher(message);
			if (m.find()) {
				seen.add(m.group(1) + " " + m.group(2));
			}
		}
		long missing = 0;
		for (Map.Entry<String, Long> writer : written.entrySet()) {
			for (long seq = 1; seq <= writer.getValue(); seq++) {
				if (!seen.contains(writer.getKey() + " " + seq)) {
					missing++;
				}
			}
		}
		return missing;
	}

	static long repeats(List<String> messages) {
		Set<String> seen = new HashSet<>();
		return messages.stream().map(LINE::matcher).filter(Matcher::find).filter((m) -> !seen.add(m.group(1) + " " + m.group(2))).count();
	}

	/** Lines that arrived after a later line of the same writer. */
	private static long inversions(List<String> messages) {
		Map<String, Long> last = new HashMap<>();
		long inversions = 0;
		for (String message : messages) {
			Matcher m = LINE.matcher(message);
			if (m.find()) {
				long seq = Long.parseLong(m.group(2));
				Long before = last.put(m.group(1), seq);
				if (before != null && seq < before) {
					inversions++;
				}
			}
		}
		return inversions;
	}

	private static long count(String where, String what, long count, List<String> problems) {
		if (count > 0) {
			problems.add(where + ": " + count + " lines " + what);
		}
		return count;
	}

	/** @return whether the condition held within {@link #PATIENCE}: a late recovery is a figure, not a failure */
	private static boolean await(BooleanSupplier condition) {
		return await(PATIENCE, condition);
	}

	/** @return whether the condition held within {@code atMost} (polled every 500 ms) */
	static boolean await(Duration atMost, BooleanSupplier condition) {
		try {
			Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition::getAsBoolean);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static void awaitOrFail(String what, BooleanSupplier condition) {
		if (!await(condition)) {
			throw new IllegalStateException(what + ": not within " + PATIENCE);
		}
	}

}
