package io.envstream.e2e.bench.endtoend;

import java.util.List;

/**
 * How big the end-to-end scenarios are. {@code full} is what the issue asks for and what the
 * committed results come from; {@code quick} ({@code -Dbench.e2e.scale=quick}) is for developing
 * the harness in a minute or two and says so in every result it writes.
 *
 * @param name {@code full} or {@code quick}
 * @param latencyClients clients of the latency scenario (at 1k lines/s)
 * @param latencySeconds how long its generator writes
 * @param containers generators of the multi-container throughput ramp (one environment each)
 * @param manyRates total lines/s tried, in order, by the multi-container ramp
 * @param oneRates lines/s tried, in order, by the one-container ramp
 * @param stepSeconds how long each ramp step writes
 * @param fanoutClients clients of one environment in the fan-out scenario
 * @param fanoutRate lines/s its generator writes
 * @param fanoutSeconds how long it writes
 * @param replayLines lines behind the client that resumes
 * @param drainLines lines written before the pipeline follows them: in total by the ramp's containers, then by one
 * @param idleConnections idle connections held at once
 * @param goalRate the total lines/s at which the issue sets its CPU per line goal, run again after the ramp
 */
record Scale(String name, int latencyClients, int latencySeconds, int containers, List<Integer> manyRates,
		List<Integer> oneRates, int stepSeconds, int fanoutClients, int fanoutRate, int fanoutSeconds, int replayLines,
		int drainLines, int idleConnections, int goalRate) {

	static final Scale FULL = new Scale("full", 100, 20, 20, List.of(2_000, 5_000, 10_000, 20_000, 40_000, 80_000),
			List.of(2_000, 5_000, 10_000, 20_000, 40_000, 80_000), 10, 1000, 1000, 10, 1_000_000, 200_000, 10_000,
			10_000);

	static final Scale QUICK = new Scale("quick", 10, 5, 4, List.of(1_000, 4_000), List.of(1_000), 5, 50, 200, 5, 20_000,
			20_000, 300, 1_000);

	static Scale fromSystemProperty() {
		String name = System.getProperty("bench.e2e.scale", "full");
		return switch (name) {
			case "full" -> FULL;
			case "quick" -> QUICK;
			default -> throw new IllegalArgumentException("bench.e2e.scale is full or quick: " + name);
		};
	}

	/** The note every result of a reduced run carries, so its figures are never read as the full ones. */
	List<String> notes() {
		return (this == FULL) ? List.of()
				: List.of("QUICK development run (bench.e2e.scale=quick): scales far below the issue's; not a measurement "
						+ "to compare with the goals");
	}

}
