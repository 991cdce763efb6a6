package io.envstream.testsupport.grafana;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envstream.testsupport.bench.RepositoryRoot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics the Grafana dashboard ({@value #FILE}) queries, panel by panel, and the metrics a Prometheus scrape
 * exposes, so that a test can check every panel against a running app.
 */
public final class DashboardMetrics {

	/** The dashboard, relative to the repository root. */
	public static final String FILE = "infra/grafana/envstream.json";

	/** A series name in a PromQL expression: every envstream and Kafka client metric has one of these prefixes. */
	private static final Pattern SERIES = Pattern.compile("\\b((?:envstream|kafka)_[a-z0-9_]+)");

	private DashboardMetrics() {
	}

	/** The series each panel's queries read, by panel title (panels inside rows included). */
	public static Map<String, Set<String>> byPanel() {
		JsonNode dashboard = JsonMapper.builder().build().readTree(RepositoryRoot.find().resolve(FILE).toFile());
		Map<String, Set<String>> byPanel = new TreeMap<>();
		collect(dashboard.path("panels"), byPanel);
		return byPanel;
	}

	/** The series a Prometheus text exposition names (each sample's name, comments skipped). */
	public static Set<String> exposed(String scrape) {
		Set<String> names = new TreeSet<>();
		scrape.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			int end = 0;
			while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
				end++;
			}
			names.add(line.substring(0, end));
		});
		return names;
	}

	/** The dashboard file, for messages. */
	public static Path file() {
		return RepositoryRoot.find().resolve(FILE);
	}

	private static void collect(JsonNode panels, Map<String, Set<String>> byPanel) {
		for (JsonNode panel : panels) {
			collect(panel.path("panels"), byPanel);
			Set<String> series = new TreeSet<>();
			for (JsonNode target : panel.path("targets")) {
				Matcher matcher = SERIES.matcher(target.path("expr").asString());
				while (matcher.find()) {
					series.add(matcher.group(1));
				}
			}
			if (!series.isEmpty()) {
				byPanel.put(panel.path("title").asString(), series);
			}
		}
	}

}
