package io.envstream.gateway.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads the alert rules from the alerts app ({@code GET /api/v1/alert-rules}, its internal, unauthenticated API) as
 * JSON, unchanged. Only reads: the gateway never passes a change to that API on.
 */
class AlertRules {

	private static final Logger log = LoggerFactory.getLogger(AlertRules.class);

	private final AlertsProperties properties;

	private final HttpClient http;

	AlertRules(AlertsProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	/**
	 * The rules as the alerts app lists them (a JSON array).
	 * @throws ResponseStatusException 503 when no alerts app is configured or it cannot be reached, 502 when it
	 * answers with an error
	 */
	String list() {
		if (this.properties.url() == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"no alerts app is configured (envstream.gateway.alerts.url)");
		}
		URI rules = URI.create(this.properties.url().toString().replaceAll("/+$", "") + "/api/v1/alert-rules");
		HttpResponse<String> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(rules).timeout(this.properties.timeout()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"the gateway is stopping: the alerts app at " + this.properties.url() + " was not asked");
		}
		catch (IOException ex) {
			log.warn("alerts app at {} unreachable: {}", rules, ex.toString());
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"the alerts app at " + this.properties.url() + " did not answer (" + ex.getClass().getSimpleName() + ")");
		}
		if (response.statusCode() != HttpStatus.OK.value()) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"the alerts app at " + this.properties.url() + " answered " + response.statusCode());
		}
		return response.body();
	}

}
