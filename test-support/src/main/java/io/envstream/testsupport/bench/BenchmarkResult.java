package io.envstream.testsupport.bench;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The figures of one benchmark run, as written to {@code docs/benchmarks/<bench>.json}.
 *
 * @param bench name, starting with the component it measures (see {@link #COMPONENTS})
 * @param date when the run ended
 * @param machine what it ran on
 * @param commit the commit measured ({@code -dirty} when the tree had changes)
 * @param metrics the figures, each beside its same-run baseline when there is one
 * @param notes what a reader needs to weigh the figures: scale reduced and why, machine load,
 *        goals met or missed and why (none: empty; results written before notes existed read as empty)
 */
public record BenchmarkResult(String bench, Instant date, Machine machine, String commit, List<Metric> metrics,
		List<String> notes) {

	/** Components a benchmark name may start with, followed by {@code -}. */
	public static final List<String> COMPONENTS = List.of("collector", "processor", "persister", "gateway", "terminal",
			"standalone", "cli", "e2e", "fleet");

	private static final Pattern NAME = Pattern.compile("(" + String.join("|", COMPONENTS) + ")-[a-z0-9][a-z0-9-]*");

	public BenchmarkResult {
		Objects.requireNonNull(bench, "bench");
		if (!NAME.matcher(bench).matches()) {
			throw new IllegalArgumentException("benchmark name '" + bench
					+ "' must be lower-case words joined by '-', starting with one of " + COMPONENTS);
		}
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(machine, "machine");
		Objects.requireNonNull(commit, "commit");
		metrics = List.copyOf(metrics);
		if (metrics.isEmpty()) {
			throw new IllegalArgumentException("benchmark '" + bench + "' has no metrics");
		}
		notes = (notes != null) ? List.copyOf(notes) : List.of();
	}

	/** A run without notes. */
	public BenchmarkResult(String bench, Instant date, Machine machine, String commit, List<Metric> metrics) {
		this(bench, date, machine, commit, metrics, List.of());
	}

}
