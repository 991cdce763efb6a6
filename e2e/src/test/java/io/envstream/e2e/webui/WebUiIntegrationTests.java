package io.envstream.e2e.webui;

import java.time.Duration;
import java.util.Map;

import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real browser (Playwright's core, Debian's chromium) against a real standalone started from its
 * exec jar, with demo containers as environments: sign-in, logs arriving, pause and resume with nothing lost, the
 * stderr filter, a dropped connection resumed without loss or repeat, {@code echo hi} in the terminal, a metrics
 * chart updating; then the UI at 5k lines/s (lines held, long tasks). Screenshots and results.json under
 * {@code e2e/target/web-ui/<test>/}; the standalone is shared with the other browser suites ({@link SharedStandalone}).
 */
@ExtendWith(SharedStandalone.class)
class WebUiIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(WebUiIntegrationTests.class);

	private static WebUiSetup setup;

	@BeforeAll
	static void useSharedStandalone(WebUiSetup shared) {
		setup = shared;
	}

	@Test
	void logsTerminalAndStatusWorkInTheBrowser() throws Exception {
		try (DemoContainer chatty = setup.environment("chatty", "lines", "-r", "20", "-s", "120", "-o", "both", "-p", "web")) {
			BrowserScript.Outcome outcome = setup.browse("functional",
					Map.of("ENVSTREAM_ENV", chatty.environmentId(), "ENVSTREAM_STEPS", "functional"), Duration.ofMinutes(6));
			log.info("browser checks:\n{}", outcome.output());
			assertThat(outcome.exitCode()).as("browser checks failed:\n%s\n(screenshots in %s; %s)", outcome.failures(),
					WebUiSetup.WORK.resolve("functional"), setup.standaloneLogTail()).isZero();
		}
	}

	@Test
	void holdsAtMost50kLinesAt5kLinesPerSecond() throws Exception {
		try (DemoContainer load = setup.environment("load", "lines", "-r", "5000", "-s", "100", "-o", "both", "-p", "load")) {
			BrowserScript.Outcome outcome = setup.browse("load",
					Map.of("ENVSTREAM_ENV", load.environmentId(), "ENVSTREAM_STEPS", "load", "ENVSTREAM_LOAD_SECONDS", "15"),
					Duration.ofMinutes(4));
			log.info("browser under load:\n{}", outcome.output());
			assertThat(outcome.exitCode()).as("browser under load failed:\n%s", outcome.failures()).isZero();
			assertThat(outcome.figures().path("heldMax").asLong()).isPositive().isLessThanOrEqualTo(50_000);
		}
	}

}
