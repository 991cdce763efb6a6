package io.envstream.analytics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.sun.net.httpserver.HttpServer;
import io.envstream.schemas.topics.TopicProvisioner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The example analytics app: Kafka Streams over envstream.logs and envstream.status with only the schemas jar,
 * exactly-once (so it reads committed batches only), its figures on a compacted topic and on
 * {@code GET /metrics} in Prometheus' text format.
 * <p>
 * Settings, from the environment: {@code KAFKA_BOOTSTRAP_SERVERS} (default {@code localhost:9092}),
 * {@code ANALYTICS_APPLICATION_ID} (default {@code envstream-analytics-example}), {@code ANALYTICS_STATE_DIR}
 * (Kafka Streams' default when unset), {@code ANALYTICS_METRICS_PORT} (default 9404).
 */
public final class AnalyticsExample implements AutoCloseable {

	private final KafkaStreams streams;

	private final HttpServer metrics;

	private AnalyticsExample(KafkaStreams streams, HttpServer metrics) {
		this.streams = streams;
		this.metrics = metrics;
	}

	public static void main(String[] args) {
		AnalyticsExample app = start(env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
				env("ANALYTICS_APPLICATION_ID", "envstream-analytics-example"), System.getenv("ANALYTICS_STATE_DIR"),
				Integer.parseInt(env("ANALYTICS_METRICS_PORT", "9404")));
		Runtime.getRuntime().addShutdownHook(new Thread(app::close, "analytics-shutdown"));
	}

	/** Creates the output topic when missing, starts the stream and the metrics endpoint (port 0: any free). */
	public static AnalyticsExample start(String bootstrapServers, String applicationId, String stateDir,
			int metricsPort) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers))) {
			new TopicProvisioner(admin, (short) 1).provision(List.of(AnalyticsTopology.OUTPUT));
		}
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		EnvironmentGauges gauges = new EnvironmentGauges(registry);
		Properties config = new Properties();
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		if (stateDir != null) {
			config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
		}
		KafkaStreams streams = new KafkaStreams(new AnalyticsTopology(gauges::update).build(), config);
		streams.start();
		return new AnalyticsExample(streams, serve(registry, metricsPort));
	}

	/** The port {@code GET /metrics} answers on. */
	public int metricsPort() {
		return this.metrics.getAddress().getPort();
	}

	private static HttpServer serve(PrometheusMeterRegistry registry, int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
			server.createContext("/metrics", (exchange) -> {
				try (exchange; OutputStream body = exchange.getResponseBody()) {
					byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
					exchange.sendResponseHeaders(200, text.length);
					body.write(text);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot serve the metrics on port " + port, ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	@Override
	public void close() {
		this.metrics.stop(0);
		this.streams.close(Duration.ofSeconds(30));
	}

}
