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
	void rendersAnEmptyReportWhenNothingRan() {
		assertThat(RenderBenchmarks.render(List.of())).contains("No benchmark has been run yet.");
	}

}
