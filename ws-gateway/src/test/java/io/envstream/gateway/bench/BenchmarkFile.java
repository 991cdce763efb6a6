package io.envstream.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes {@code docs/benchmarks/gateway-<name>.json} in the repository's benchmark format (see the
 * root README): the e2e module's writer cannot be used here, e2e depends on this module.
 */
final class BenchmarkFile {

	record Metric(String name, double value, String unit, String baselineName, double baselineValue) {
	}

	private BenchmarkFile() {
	}

	static Path write(String bench, List<Metric> metrics) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		while (root != null && !Files.isDirectory(root.resolve("docs/benchmarks"))) {
			root = root.getParent();
		}
		if (root == null) {
			throw new IllegalStateException("no docs/benchmarks above " + Path.of("").toAbsolutePath());
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("bench", bench);
		result.put("date", Instant.now().toString());
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("memoryBytes", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean()).getTotalMemorySize());
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
		machine.put("dockerEngine", "not used");
		result.put("machine", machine);
		result.put("commit", commit(root));
		result.put("metrics", metrics.stream().map((metric) -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("name", metric.name());
			m.put("value", metric.value());
			m.put("unit", metric.unit());
			m.put("baseline", Map.of("name", metric.baselineName(), "value", metric.baselineValue()));
			m.put("ratio", metric.value() / metric.baselineValue());
			return m;
		}).toList());
		Path file = root.resolve("docs/benchmarks/" + bench + ".json");
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
		return file;
	}

	private static String commit(Path root) throws IOException, InterruptedException {
		Process head = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(root.toFile()).start();
		String commit = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		head.waitFor();
		Process status = new ProcessBuilder("git", "status", "--porcelain").directory(root.toFile()).start();
		boolean dirty = status.getInputStream().readAllBytes().length > 0;
		status.waitFor();
		return commit + (dirty ? "-dirty" : "");
	}

}
