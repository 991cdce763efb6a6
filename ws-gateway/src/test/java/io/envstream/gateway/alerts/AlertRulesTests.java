package io.envstream.gateway.alerts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import io.envstream.testsupport.alerts.AlertsAppStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The alerts app's rules read over real HTTP ({@link AlertsAppStandIn} on 127.0.0.1, or a port nobody listens on):
 * the body passed on unchanged, and each way it can fail named.
 */
class AlertRulesTests {

	@Test
	void passesTheRulesOnAsTheAlertsAppListsThem() throws Exception {
		try (AlertsAppStandIn alertsApp = AlertsAppStandIn.serving(200, AlertsAppStandIn.RULES)) {
			// a trailing slash in the address is not doubled
			AlertRules rules = rules(URI.create(alertsApp.url() + "/"));

			assertThat(rules.list()).isEqualTo(AlertsAppStandIn.RULES);
		}
	}

	@Test
	void withoutAnAlertsAppConfiguredSays503AndWhichPropertyIsMissing() {
		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(() -> rules(null).list())
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("no alerts app is configured (envstream.gateway.alerts.url)"));
	}

	@Test
	void anAlertsAppThatIsDownIs503NamingItsAddress() throws Exception {
		URI down = URI.create("http://127.0.0.1:" + closedPort());

		assertThatExceptionOfType(ResponseStatusException.class).isThrownBy(() -> rules(down).list())
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503))
			.satisfies((ex) -> assertThat(ex.getReason()).startsWith("the alerts app at " + down + " did not answer"));
	}

	@Test
	void anErrorOfTheAlertsAppIs502WithItsStatus() throws Exception {
		try (AlertsAppStandIn failing = AlertsAppStandIn.serving(500, "{\"status\":500}")) {
			assertThatExceptionOfType(ResponseStatusException.class)
				.isThrownBy(() -> rules(URI.create(failing.url())).list())
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(502))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the alerts app at " + failing.url() + " answered 500"));
		}
	}

	private static AlertRules rules(URI url) {
		return new AlertRules(new AlertsProperties(url, Duration.ofSeconds(5)));
	}

	/** A port that was free a moment ago and is closed again: connecting to it is refused. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
