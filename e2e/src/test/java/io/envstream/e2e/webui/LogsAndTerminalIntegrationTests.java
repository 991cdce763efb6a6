package io.envstream.e2e.webui;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI's terminal and logs in a real browser against a real standalone (its gateway pinging every 2 s and giving
 * up after 8 s without a pong), through the browser script's TCP proxy: a shell that outlives a cut connection and a
 * reload, with copy/paste, font size and "end session"; logs that reconnect and resume after the heartbeat's 1000;
 * JSON lines, stack traces and levels read as such; replay from the activity timeline, jump to time and back to live;
 * two environments merged into one stream (each seq once across a cut connection) and side by side.
 * Screenshots and results.json under {@code e2e/target/web-ui/<test>/}; the standalone, and its heartbeat settings,
 * shared with the other browser suites ({@link SharedStandalone}).
 */
@ExtendWith(SharedStandalone.class)
class LogsAndTerminalIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(LogsAndTerminalIntegrationTests.class);

	private static final String SCRIPT = "logs-and-terminal.browser-test.mjs";

	/**
	 * What the reading test's environment prints once, then idles: JSON lines (nested fields), logfmt, bracketed and
	 * leading levels, and a Java, a Python and a Node stack trace.
	 */
	private static final String READABLE_LOG = """
			echo '{"level":"info","msg":"service started","port":3000,"build":{"version":"1.2.3","commit":"abc"}}'
			echo '{"level":"error","msg":"payment failed","order":42,"error":{"type":"Timeout","retries":[1,2,3]}}'
			echo 'level=warn msg="disk almost full" free=3%'
			echo '[DEBUG] cache miss key=user:7'
			echo 'ERROR request failed'
			echo 'java.lang.IllegalStateException: boom'
			printf '\\tat com.example.Service.run(Service.java:42)\\n'
			printf '\\tat java.base/java.lang.Thread.run(Thread.java:1583)\\n'
			echo 'Caused by: java.io.IOException: disk full'
			printf '\\t... 1 more\\n'
			echo 'ERROR:root:division failed'
			echo 'Traceback (most recent call last):'
			echo '  File "/app/main.py", line 3, in <module>'
			echo '    print(1 / 0)'
			echo 'ZeroDivisionError: division by zero'
			echo 'Error: connect ECONNREFUSED 127.0.0.1:5432'
			echo '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'
			echo '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'
			echo 'INFO: ready'
			exec demo idle
			""";

	private static WebUiSetup setup;

	@BeforeAll
	static void useSharedStandalone(WebUiSetup shared) {
		setup = shared;
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

	@Test
	void jsonLinesStackTracesAndLevelsReadAsSuch() throws Exception {
		try (DemoContainer readable = setup.environment("reading", "sh", "-c", READABLE_LOG)) {
			assertBrowserChecksPass("reading", readable, Duration.ofMinutes(4));
		}
	}

	@Test
	void timelineReplaysFromTheMinuteClickedThenJoinsLive() throws Exception {
		try (DemoContainer chatty = setup.environment("replay", "lines", "-r", "20", "-s", "120", "-p", "web")) {
			assertBrowserChecksPass("replay", chatty, Duration.ofMinutes(5));
		}
	}

	@Test
	void mergedViewShowsEverySeqOfTwoEnvironmentsOnceAcrossAReconnect() throws Exception {
		try (DemoContainer web = setup.environment("merged-a", "lines", "-r", "20", "-s", "120", "-p", "web");
				DemoContainer other = setup.environment("merged-b", "lines", "-r", "20", "-s", "120", "-p", "other")) {
			assertBrowserChecksPass("merged", Map.of("ENVSTREAM_ENV", web.environmentId(), "ENVSTREAM_ENV_B", other.environmentId()),
					Duration.ofMinutes(4));
		}
	}

	private static void assertBrowserChecksPass(String steps, DemoContainer environment, Duration timeout) throws Exception {
		assertBrowserChecksPass(steps, Map.of("ENVSTREAM_ENV", environment.environmentId()), timeout);
	}

	private static void assertBrowserChecksPass(String steps, Map<String, String> environments, Duration timeout) throws Exception {
		Map<String, String> variables = new HashMap<>(environments);
		variables.put("ENVSTREAM_STEPS", steps);
		BrowserScript.Outcome outcome = setup.browse(SCRIPT, steps, variables, timeout);
		log.info("browser checks ({}):\n{}", steps, outcome.output());
		assertThat(outcome.exitCode()).as("browser checks failed:\n%s\n(screenshots in %s; %s)", outcome.failures(),
				WebUiSetup.WORK.resolve(steps), setup.standaloneLogTail()).isZero();
	}

}
