package io.envstream.e2e.webui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI's terminal and logs surviving what a network does to them, in a real browser against a real standalone
 * (its gateway pinging every 2 s and giving up after 8 s without a pong), through the browser script's TCP proxy:
 * a shell that outlives a cut connection and a reload, with copy/paste, font size and "end session"; logs that
 * reconnect and resume after the heartbeat's 1000. Screenshots and results.json under
 * {@code e2e/target/web-ui-logs-and-terminal/<test>/}.
 */
class LogsAndTerminalIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(LogsAndTerminalIntegrationTests.class);

	private static final Path WORK = Path.of("target", "web-ui-logs-and-terminal").toAbsolutePath();

	private static final String SCRIPT = "logs-and-terminal.browser-test.mjs";

	private static WebUiSetup setup;

	@BeforeAll
	static void start() throws Exception {
		setup = WebUiSetup.start(WORK, "--envstream.gateway.heartbeat-interval=2s", "--envstream.gateway.heartbeat-timeout=8s");
	}

	@AfterAll
	static void stop() {
		if (setup != null) {
			setup.close();
		}
	}

	@Test
	void terminalKeepsItsShellAcrossACutConnectionAndAReload() throws Exception {
		try (DemoContainer shell = setup.environment("shell", "lines", "-r", "2", "-p", "web")) {
			assertBrowserChecksPass("terminal", shell, Duration.ofMinutes(6));
		}
	}

	@Test
	void logsReconnectAndResumeAfterTheHeartbeatClose() throws Exception {
		try (DemoContainer chatty = setup.environment("heartbeat", "lines", "-r", "20", "-s", "120", "-o", "both", "-p", "web")) {
			assertBrowserChecksPass("heartbeat", chatty, Duration.ofMinutes(4));
		}
	}

	private static void assertBrowserChecksPass(String steps, DemoContainer environment, Duration timeout) throws Exception {
		BrowserScript.Outcome outcome = setup.browse(SCRIPT, steps,
				Map.of("ENVSTREAM_ENV", environment.environmentId(), "ENVSTREAM_STEPS", steps), timeout);
		log.info("browser checks ({}):\n{}", steps, outcome.output());
		assertThat(outcome.exitCode()).as("browser checks failed:\n%s\n(screenshots in %s; %s)", outcome.failures(),
				WORK.resolve(steps), setup.standaloneLogTail()).isZero();
	}

}
