package io.envstream.testsupport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkResultsTests {

	private static final Machine MACHINE = new Machine(2, 24L << 30, "Linux", "OpenJDK 17", "20.10.24");

	@TempDir
	Path dir;

	@Test
	void writtenResultReadsBackEqual() {
		BenchmarkResult result = new BenchmarkResult("processor-topology", Instant.parse("2026-11-25T20:00:00Z"),
				MACHINE, "abc123", List.of(Metric.of("lines per second", 51234.5, "lines/s"),
						Metric.against("persist rows", 60000, "rows/s", "raw COPY", 80000)));

		Path file = new BenchmarkResults(this.dir).write(result);

		assertThat(file).hasFileName("processor-topology.json");
		assertThat(new BenchmarkResults(this.dir).readAll()).containsExactly(result);
	}

	@Test
	void ratioIsDerivedFromValueAndBaseline() {
		Metric metric = Metric.against("end to end", 30000, "lines/s", "docker logs -f", 60000);

		assertThat(metric.ratio()).isEqualTo(0.5);
		assertThat(metric.baseline().name()).isEqualTo("docker logs -f");
	}

	@Test
	void rejectsNamesWithoutComponentPrefix() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BenchmarkResult("topology", Instant.now(), MACHINE, "c",
					List.of(Metric.of("x", 1, "u"))))
			.withMessageContaining("must be lower-case words joined by '-', starting with one of [collector,");
	}

	@Test
	void rejectsRunsWithoutMetricsOrWithZeroBaseline() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BenchmarkResult("e2e-empty", Instant.now(), MACHINE, "c", List.of()))
			.withMessage("benchmark 'e2e-empty' has no metrics");
		assertThatIllegalArgumentException().isThrownBy(() -> Metric.against("x", 1, "u", "base", 0))
			.withMessageContaining("no ratio possible");
	}

	@Test
	void invalidFileIsNamedWhenReading() throws IOException {
		Files.writeString(this.dir.resolve("gateway-broken.json"), "{\"bench\":\"gateway-broken\"");

		assertThatIllegalArgumentException().isThrownBy(() -> new BenchmarkResults(this.dir).readAll())
			.withMessageContaining("gateway-broken.json");
	}

	@Test
	void rendersOneTablePerBenchmarkWithMachineAndBaseline() {
		BenchmarkResult result = new BenchmarkResult("persister-bulk", Instant.parse("2026-11-25T20:00:00Z"), MACHINE,
				"abc123", List.of(Metric.against("rows written", 48000, "rows/s", "raw COPY", 80000)));

		String markdown = RenderBenchmarks.render(List.of(result));

		assertThat(markdown).contains("## persister-bulk")
			.contains("2 cores, 24.0 GiB")
			.contains("commit `abc123`")
			.contains("| rows written | 48,000 | rows/s | raw COPY | 80,000 | 0.60 |");
	}

	@Test
	void rendersFiguresUnderATenthWithTwoSignificantDigits() {
		BenchmarkResult result = new BenchmarkResult("collector-idle", Instant.parse("2026-11-25T20:00:00Z"), MACHINE,
				"abc123", List.of(Metric.of("collector", 0.0014963, "cores"), Metric.of("jvm", 0.0403, "cores"),
						Metric.of("broker", 0.25, "cores")));

		String markdown = RenderBenchmarks.render(List.of(result));

		assertThat(markdown).contains("| collector | 0.0015 | cores |")
			.contains("| jvm | 0.040 | cores |")
			.contains("| broker | 0.25 | cores |");
	}

	@Test
	void notesAreKeptAndRenderedUnderTheTable() {
		BenchmarkResult result = new BenchmarkResult("e2e-latency", Instant.parse("2026-11-25T20:00:00Z"), MACHINE,
				"abc123", List.of(Metric.of("p99", 45, "ms")), List.of("goal p99 <= 250 ms: met"));

		new BenchmarkResults(this.dir).write(result);

		assertThat(new BenchmarkResults(this.dir).readAll()).containsExactly(result);
		assertThat(RenderBenchmarks.render(List.of(result))).contains("| p99 | 45 | ms | | | |\n\n- goal p99 <= 250 ms: met\n");
	}

	@Test
	void resultWrittenBeforeNotesExistedReadsWithNone() throws IOException {
		Files.writeString(this.dir.resolve("gateway-old.json"), """
				{"bench":"gateway-old","date":"2026-11-25T20:00:00Z",
				 "machine":{"cores":2,"memoryBytes":1,"os":"Linux","jdk":"17","dockerEngine":"none"},
				 "commit":"abc","metrics":[{"name":"x","value":1.0,"unit":"u"}]}
				""");

		assertThat(new BenchmarkResults(this.dir).readAll()).singleElement()
			.satisfies((result) -> assertThat(result.notes()).isEmpty());
	}

	@Test
	void readmeGetsASummaryOfOnlyTheEndToEndResultsBetweenItsMarkers() {
		BenchmarkResult endToEnd = new BenchmarkResult("e2e-fanout", Instant.parse("2026-11-25T20:00:00Z"), MACHINE,
				"abc123",
				List.of(Metric.against("lines/s delivered", 1000, "lines/s", "ideal", 2000),
						Metric.of("JFR gateway top frame: a.B.c", 12.5, "% of 80 samples")),
				List.of("Goal >= 1M lines/s: **missed** (1,000 lines/s).", "Machine load average 0.5",
						"How to read it."));
		BenchmarkResult other = new BenchmarkResult("persister-bulk", Instant.parse("2026-11-25T21:00:00Z"), MACHINE,
				"abc123", List.of(Metric.of("rows written", 48000, "rows/s")));
		String readme = "# title\n" + RenderBenchmarks.README_START + "\nold table\n" + RenderBenchmarks.README_END
				+ "\nafter\n";

		String rendered = RenderBenchmarks.intoReadme(readme, List.of(endToEnd, other));

		assertThat(rendered).startsWith("# title\n" + RenderBenchmarks.README_START)
			.endsWith(RenderBenchmarks.README_END + "\nafter\n")
			.contains("2026-11-25T20:00:00Z · 2 cores, 24.0 GiB")
			.contains("| e2e-fanout | lines/s delivered | 1,000 | lines/s | ideal | 2,000 | 0.50 |")
			.contains("- e2e-fanout: Goal >= 1M lines/s: **missed** (1,000 lines/s).")
			.doesNotContain("JFR gateway")
			.contains("- e2e-fanout: Machine load average 0.5")
			.doesNotContain("How to read it.")
			.doesNotContain("old table")
			.doesNotContain("rows written");
		assertThat(RenderBenchmarks.intoReadme(rendered, List.of(endToEnd, other))).isEqualTo(rendered);
	}

	@Test
	void readmeWithoutMarkersIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> RenderBenchmarks.intoReadme("# title\n", List.of()))
			.withMessageContaining(RenderBenchmarks.README_START);
	}

	@Test
	void rendersAnEmptyReportWhenNothingRan() {
		assertThat(RenderBenchmarks.render(List.of())).contains("No benchmark has been run yet.");
	}

}
