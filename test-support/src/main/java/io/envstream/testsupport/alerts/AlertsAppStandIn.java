package io.envstream.testsupport.alerts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 answering {@code GET /api/v1/alert-rules} as the alerts app does, for the
 * gateway's read-only proxy of it. The alerts app itself is not started by the gateway's or the browser's tests: in
 * their JVM it would bring Kafka Streams and its own auto-configuration onto their class path, and standalone does
 * not run it. {@link #RULES} is what the alerts app's {@code RuleDefinition} list serializes to.
 */
public final class AlertsAppStandIn implements AutoCloseable {

	/**
	 * Three rules as the alerts app lists them, one of each kind (every field of its {@code RuleDefinition}, those
	 * the kind does not use null); rule 7 selects the label {@code tier=front}.
	 */
	public static final String RULES = """
			[{"id":7,"name":"errors in the front tier","envId":null,"labels":{"tier":"front"},"kind":"LOG_PATTERN",\
			"pattern":"ERROR","metric":null,"above":null,"forDuration":null,"event":null,"atLeast":1,"window":"PT1M"},\
			{"id":8,"name":"payments CPU","envId":null,"labels":{"team":"payments"},"kind":"METRIC_THRESHOLD",\
			"pattern":null,"metric":"CPU_PERCENT","above":90.0,"forDuration":"PT2M","event":null,"atLeast":null,\
			"window":null},\
			{"id":9,"name":"checkout exits","envId":"checkout","labels":{},"kind":"LIFECYCLE","pattern":null,\
			"metric":null,"above":null,"forDuration":null,"event":"EXITED_NON_ZERO","atLeast":null,"window":null}]""";

	private final HttpServer server;

	private AlertsAppStandIn(HttpServer server) {
		this.server = server;
	}

	/** Answers {@code GET /api/v1/alert-rules} with this status and body, as JSON. */
	public static AlertsAppStandIn serving(int status, String body) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/api/v1/alert-rules", (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
		return new AlertsAppStandIn(server);
	}

	/** Where it answers, e.g. {@code http://127.0.0.1:41234}: the value for {@code envstream.gateway.alerts.url}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
