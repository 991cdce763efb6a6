package io.envstream.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full fleet under faults, one at a time ({@link Fault}): while every host writes numbered
 * lines and clients follow them through the load balancer, each fault is injected, and every line
 * must reach PostgreSQL and every client exactly once, in order ({@link LinesThroughAFault}). The
 * fault-free run comes first, as the baseline. When every fault ran, the figures go to
 * {@code docs/benchmarks/fleet-faults.json}; {@code -Denvstream.fleet.faults=GATEWAY_KILL,...} runs
 * only those (and writes nothing there).
 */
class FaultsFleetSuite extends FleetThroughTheLoadBalancer {

	private final Map<Fault, LinesThroughAFault.Outcome> outcomes = new ConcurrentHashMap<>();

	@Override
	Fleet.Size size() {
		return Fleet.Size.FULL;
	}

	static List<Fault> faults() {
		return Fault.selected();
	}

	@ParameterizedTest
	@MethodSource("faults")
	void everyLineReachesPostgresqlAndEveryClientExactlyOnceInOrderThrough(Fault fault) throws Exception {
		LinesThroughAFault.Outcome outcome = new LinesThroughAFault(this).run(fault);
		this.outcomes.put(fault, outcome);
		outcome.assertEveryLineExactlyOnceInOrder();
	}

	/** The figures of a run of every fault, beside the fault-free run's. */
	@AfterAll
	void recordResults() {
		if (this.outcomes.keySet().containsAll(List.of(Fault.values()))) {
			record(this.outcomes, List.of());
		}
	}

	/**
	 * Writes docs/benchmarks/fleet-faults.json: per fault of {@code outcomes} (the fault-free run's
	 * among them) lines lost, lines repeated and seconds to recover.
	 */
	static void record(Map<Fault, LinesThroughAFault.Outcome> outcomes, List<String> moreNotes) {
		double baseline = outcomes.get(Fault.NONE).secondsToRecover();
		List<Metric> metrics = new ArrayList<>();
		for (Fault fault : Fault.values()) {
			LinesThroughAFault.Outcome outcome = outcomes.get(fault);
			if (outcome == null) {
				continue;
			}
			String of = fault.description + " (" + outcome.written() + " lines written, " + outcome.reconnects().size() + " client reconnects)";
			metrics.add(Metric.of("lines lost, " + of, outcome.lost(), "lines"));
			metrics.add(Metric.of("lines repeated, " + of, outcome.repeated(), "lines"));
			metrics.add(Metric.against("seconds to recover, " + of, outcome.secondsToRecover(), "s", "the fault-free run", baseline));
		}
		List<String> notes = new ArrayList<>(List.of(
				"The full compose fleet (3 brokers RF 3 min.insync 2, 2 stream-processors, 2 gateways behind HAProxy, PostgreSQL, 3 Docker hosts with their collectors: 14 JVMs) and the test's clients on one machine of "
						+ Runtime.getRuntime().availableProcessors() + " cores; load average (1 min) " + Machine.loadAverage() + " when the results were written.",
				"Per fault: each host writes 10 lines/s (/bin/demo lines), two clients per host follow through the load balancer and reconnect with resume=<last cursor> on 1001/1006/1011/4429 (back-off 1 s doubling to 8 s). Lost and repeated add up every client and PostgreSQL, against the seqs each writer's engine logged.",
				"Seconds to recover: from the fault's end (the kill; the restart for the collector; the engine, network or PostgreSQL back) until every client received a line written after it; the fault-free run measures the same from an arbitrary instant, so it is the pipeline's latency on this machine at this load.",
				"A fault's figure includes the clients' back-off (up to 8 s) and waiting for a core: the fleet shares 2 cores with whatever else runs."));
		notes.addAll(moreNotes);
		BenchmarkResults.ofRepository().record("fleet-faults", metrics, notes);
	}

}
