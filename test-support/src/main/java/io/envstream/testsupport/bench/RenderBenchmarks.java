package io.envstream.testsupport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every {@code docs/benchmarks/*.json} into {@code docs/benchmarks.md}: one table per benchmark with the
 * machine, date and commit it was measured on.
 */
public final class RenderBenchmarks {

	private static final Logger log = LoggerFactory.getLogger(RenderBenchmarks.class);

	private RenderBenchmarks() {
	}

	public static void main(String[] args) throws IOException {
		Path root = RepositoryRoot.find();
		List<BenchmarkResult> results = new BenchmarkResults(root.resolve("docs/benchmarks")).readAll();
		Path target = root.resolve("docs/benchmarks.md");
		Files.writeString(target, render(results), StandardCharsets.UTF_8);
		log.info("rendered {} benchmark result(s) into {}", results.size(), target);
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
			Machine m = result.machine();
			md.append("\n## ").append(result.bench()).append("\n\n")
				.append(String.format(Locale.ROOT, "%s · %d cores, %.1f GiB · %s · Docker %s · commit `%s`%n%n",
						result.date(), m.cores(), m.memoryBytes() / (1024.0 * 1024 * 1024), m.jdk(), m.dockerEngine(),
						result.commit()))
				.append("| metric | value | unit | baseline | baseline value | ratio |\n")
				.append("|---|---:|---|---|---:|---:|\n");
			for (Metric metric : result.metrics()) {
				md.append("| ").append(metric.name()).append(" | ").append(number(metric.value())).append(" | ")
					.append(metric.unit()).append(" | ");
				if (metric.baseline() == null) {
					md.append("| | |\n");
				}
				else {
					md.append(metric.baseline().name()).append(" | ").append(number(metric.baseline().value()))
						.append(" | ").append(String.format(Locale.ROOT, "%.2f", metric.ratio())).append(" |\n");
				}
			}
		}
		return md.toString();
	}

	private static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.format(Locale.ROOT, "%,d", (long) value);
		}
		return String.format(Locale.ROOT, "%,.2f", value);
	}

}
