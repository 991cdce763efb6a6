package io.envstream.e2e.webui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a script of {@code src/test/browser/} (e.g. {@code web-ui.browser-test.mjs}) with the installed Node:
 * Playwright's core driving Debian's chromium ({@code /usr/bin/chromium}, which {@code infra/dev/ensure-chromium.sh}
 * installs); npm installs only {@code playwright-core}, never a browser, once per test run (the first script's
 * {@code npm ci}; its log in that run's artifacts). The script's screenshots and {@code results.json} go to the
 * artifacts directory.
 */
final class BrowserScript {

	static final Path DIRECTORY = Path.of("src", "test", "browser").toAbsolutePath();

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Whether this JVM's {@code npm ci} succeeded: every later script runs on the same {@code node_modules}. */
	private static boolean installed;

	/** What one run said: its exit status, its output and the steps and figures of results.json. */
	record Outcome(int exitCode, String output, JsonNode results) {

		/** The steps that failed, one per line with their error. */
		String failures() {
			List<String> failed = new ArrayList<>();
			this.results.path("steps").forEach((step) -> {
				if (!step.path("ok").asBoolean()) {
					failed.add(step.path("name").asString() + ": " + step.path("error").asString());
				}
			});
			return String.join("\n", failed);
		}

		JsonNode figures() {
			return this.results.path("figures");
		}

	}

	private BrowserScript() {
	}

	/** Runs {@code script} of the browser directory. */
	static Outcome run(String script, Map<String, String> environment, Path artifacts, Duration timeout)
			throws IOException, InterruptedException {
		if (!Files.isExecutable(Path.of(CHROMIUM))) {
			throw new IllegalStateException(CHROMIUM + " is missing: run infra/dev/ensure-chromium.sh (infra/dev/test.sh does)");
		}
		Files.createDirectories(artifacts);
		install(artifacts);
		Path log = artifacts.resolve("browser-test.log");
		int exit = exec(List.of("node", script), withArtifacts(environment, artifacts), log,
				timeout, false);
		Path results = artifacts.resolve("results.json");
		JsonNode parsed = Files.exists(results) ? JSON.readTree(results.toFile()) : JSON.createObjectNode();
		return new Outcome(exit, Files.readString(log, StandardCharsets.UTF_8), parsed);
	}

	private static synchronized void install(Path artifacts) throws IOException, InterruptedException {
		if (!installed) {
			exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), Map.of(),
					artifacts.resolve("npm-ci.log"), Duration.ofMinutes(5), true);
			installed = true;
		}
	}

	private static Map<String, String> withArtifacts(Map<String, String> environment, Path artifacts) {
		Map<String, String> all = new HashMap<>(environment);
		all.put("ENVSTREAM_ARTIFACTS", artifacts.toString());
		return all;
	}

	private static int exec(List<String> command, Map<String, String> environment, Path log, Duration timeout,
			boolean mustSucceed) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(DIRECTORY.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout + "; output in " + log);
		}
		if (mustSucceed && process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " in " + DIRECTORY + " failed with "
					+ process.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
		}
		return process.exitValue();
	}

}
