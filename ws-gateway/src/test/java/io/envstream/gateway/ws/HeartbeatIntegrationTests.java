package io.envstream.gateway.ws;

import java.time.Duration;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;

/** A connection whose pong is missing is closed at the heartbeat timeout, not at the next ping after it. */
class HeartbeatIntegrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Duration TIMEOUT = Duration.ofSeconds(12);

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--envstream.gateway.heartbeat-interval=" + INTERVAL.toMillis() + "ms",
				"--envstream.gateway.heartbeat-timeout=" + TIMEOUT.toMillis() + "ms");
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void closesAConnectionThatNeverAnswersAPingAtTheTimeoutNotAtTheNextPing() throws Exception {
		// given: pings at 10 s and 20 s; checking only when pinging would close at 20 s
		String environment = Environments.newId("heartbeat");
		environments.create(environment, "hal", null);
		long connected = System.nanoTime();
		try (SilentWebSocket silent = new SilentWebSocket(gateway.logsUrl(environment, "token=" + JWT.token("hal")))) {
			// when: it never answers
			int[] closeAndPings = silent.awaitCloseCountingPings();
			Duration closedAfter = Duration.ofNanos(System.nanoTime() - connected);

			// then: closed with 1000 a moment after 12 s, having been pinged once
			assertThat(closeAndPings[0]).isEqualTo(1000);
			assertThat(closeAndPings[1]).isEqualTo(1);
			assertThat(closedAfter).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusSeconds(5));
		}
	}

}
