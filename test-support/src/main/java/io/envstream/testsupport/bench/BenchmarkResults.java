package io.envstream.testsupport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes benchmark results: one JSON file per benchmark in {@code docs/benchmarks/}, the format every
 * envstream benchmark uses (see {@code docs/benchmarks.md}).
 */
public final class BenchmarkResults {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path directory;

	public BenchmarkResults(Path directory) {
		this.directory = directory;
	}

	/** The results directory of the repository this JVM runs in ({@code docs/benchmarks} under its root). */
	public static BenchmarkResults ofRepository() {
		return new BenchmarkResults(RepositoryRoot.find().resolve("docs/benchmarks"));
	}

	/** Writes a run measured now on this machine at the current commit; returns the file written. */
	public Path record(String bench, List<Metric> metrics) {
		return record(bench, metrics, List.of());
	}

	/** As {@link #record(String, List)}, with notes that say how to read the figures. */
	public Path record(String bench, List<Metric> metrics, List<String> notes) {
		return write(
				new BenchmarkResult(bench, Instant.now(), Machine.current(), RepositoryRoot.commit(), metrics, notes));
	}

	public Path write(BenchmarkResult result) {
		try {
			Files.createDirectories(this.directory);
			Path file = this.directory.resolve(result.bench() + ".json");
			JSON.writeValue(file.toFile(), result);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write benchmark results to " + this.directory, ex);
		}
	}

	/** Every result in the directory, by name; a file that isn't a valid result fails with its name. */
	public List<BenchmarkResult> readAll() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			List<BenchmarkResult> results = new ArrayList<>();
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				results.add(read(file));
			}
			results.sort(Comparator.comparing(BenchmarkResult::bench));
			return results;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + this.directory, ex);
		}
	}

	private static BenchmarkResult read(Path file) {
		try {
			return JSON.readValue(file.toFile(), BenchmarkResult.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a valid benchmark result: " + file + ": " + ex.getMessage(), ex);
		}
	}

}
