package io.envstream.testsupport.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every {@code docs/benchmarks/*.json} into {@code docs/benchmarks.md}: one table per benchmark with the
 * machine, date and commit it was measured on, and its notes. The end-to-end results ({@code e2e-*}) also go into
 * the README, between {@value #README_START} and {@value #README_END}.
 */
public final class RenderBenchmarks {

	private static final Logger log = LoggerFactory.getLogger(RenderBenchmarks.class);

	static final String README_START = "<!-- e2e-benchmarks:start -->";

	static final String README_END = "<!-- e2e-benchmarks:end -->";

	/** Metrics of a profile's frames, which the README leaves to docs/benchmarks.md. */
	static final String PROFILE_FRAME = "JFR ";

	/** Notes that give a goal's verdict, the machine's load and the mark of a reduced run: the README repeats them. */
	static final String GOAL = "Goal ";

	static final String LOAD = "Machine load";

	static final String QUICK = "QUICK ";

	private RenderBenchmarks() {
	}

	public static void main(String[] args) throws IOException {
		Path root = RepositoryRoot.find();
		List<BenchmarkResult> results = new BenchmarkResults(root.resolve("docs/benchmarks")).readAll();
		Path target = root.resolve("docs/benchmarks.md");
		Files.writeString(target, render(results), StandardCharsets.UTF_8);
		Path readme = root.resolve("README.md");
		Files.writeString(readme, intoReadme(Files.readString(readme, StandardCharsets.UTF_8), results),
				StandardCharsets.UTF_8);
		log.info("rendered {} benchmark result(s) into {} and the end-to-end ones into {}", results.size(), target,
				readme);
	}

	/**
	 * The README with a summary of the end-to-end results between its markers (whatever was there before is
	 * replaced): machine and date, one table of every figure but the profile's frames, each goal's verdict and the
	 * machine's load.
	 */
	static String intoReadme(String readme, List<BenchmarkResult> results) {
		int start = readme.indexOf(README_START);
		int end = readme.indexOf(README_END);
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("README.md must hold " + README_START + " followed by " + README_END
					+ " where the end-to-end benchmark results go");
		}
		List<BenchmarkResult> endToEnd = results.stream().filter((result) -> result.bench().startsWith("e2e-")).toList();
		StringBuilder md = new StringBuilder(README_START).append("\n");
		if (endToEnd.isEmpty()) {
			md.append("\nNo end-to-end benchmark has been run yet.\n\n");
		}
		else {
			BenchmarkResult latest = endToEnd.stream().max(Comparator.comparing(BenchmarkResult::date)).orElseThrow();
			md.append("\n").append(header(latest)).append(" (each scenario's own date in docs/benchmarks.md)\n\n")
				.append("| scenario | metric | value | unit | baseline | baseline value | ratio |\n")
				.append("|---|---|---:|---|---|---:|---:|\n");
			for (BenchmarkResult result : endToEnd) {
				for (Metric metric : result.metrics()) {
					if (!metric.name().startsWith(PROFILE_FRAME)) {
						md.append("| ").append(result.bench()).append(" ");
						row(md, metric);
					}
				}
			}
			md.append("\n");
			for (BenchmarkResult result : endToEnd) {
				result.notes()
					.stream()
					.filter((note) -> note.startsWith(GOAL) || note.startsWith(QUICK) || note.startsWith(LOAD))
					.forEach((note) -> md.append("- ").append(result.bench()).append(": ").append(note).append("\n"));
			}
			md.append("\n");
		}
		return readme.substring(0, start) + md.append(README_END) + readme.substring(end + README_END.length());
	}

	private static String header(BenchmarkResult result) {
		Machine m = result.machine();
		return String.format(Locale.ROOT, "%s · %d cores, %.1f GiB · %s · Docker %s · commit `%s`", result.date(),
				m.cores(), m.memoryBytes() / (1024.0 * 1024 * 1024), m.jdk(), m.dockerEngine(), result.commit());
	}

	static String render(List<BenchmarkResult> results) {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results\n\n")
			.append("Generated from `docs/benchmarks/*.json` by `infra/dev/bench.sh` (see the README's Benchmarks section); ")
			.append("do not edit by hand. Each figure stands beside the baseline measured in the same run.\n");
		if (results.isEmpty()) {
			md.append("\nNo benchmark has been run yet.\n");
		}
		for (BenchmarkResult result : results) {
			md.append("\n## ").append(result.bench()).append("\n\n").append(header(result)).append("\n\n");
			table(md, result);
		}
		return md.toString();
	}

	private static void table(StringBuilder md, BenchmarkResult result) {
		md.append("| metric | value | unit | baseline | baseline value | ratio |\n")
			.append("|---|---:|---|---|---:|---:|\n");
		for (Metric metric : result.metrics()) {
			row(md, metric);
		}
		if (!result.notes().isEmpty()) {
			md.append("\n");
			result.notes().forEach((note) -> md.append("- ").append(note).append("\n"));
		}
	}

	private static void row(StringBuilder md, Metric metric) {
		md.append("| ").append(metric.name()).append(" | ").append(number(metric.value())).append(" | ")
			.append(metric.unit()).append(" | ");
		if (metric.baseline() == null) {
			md.append("| | |\n");
		}
		else {
			md.append(metric.baseline().name()).append(" | ").append(number(metric.baseline().value())).append(" | ")
				.append(String.format(Locale.ROOT, "%.2f", metric.ratio())).append(" |\n");
		}
	}

	private static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.format(Locale.ROOT, "%,d", (long) value);
		}
		if (Math.abs(value) < 0.1) {
			// two significant digits: two decimals would show a thousandth of a core as 0.00
			return new BigDecimal(value).round(new MathContext(2)).toPlainString();
		}
		return String.format(Locale.ROOT, "%,.2f", value);
	}

}
