package io.envstream.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.envstream.alerts.WebhookReceiver.Post;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.grafana.DashboardMetrics;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts app against a real Kafka broker, a real PostgreSQL and a webhook on 127.0.0.1: rules made through
 * its API fire once per window into envstream.alerts and reach the webhook with the alert id as idempotency key,
 * across a restart and a webhook outage.
 */
class AlertsIntegrationTests {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	/** Windows in the past, fixed for the test: the app counts by the lines' own time. */
	private final long window1 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10))
		.toEpochMilli();

	private final String envId = "alerts-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final HttpClient http = HttpClient.newHttpClient();

	private final WebhookReceiver webhook = new WebhookReceiver();

	private final LogLines lines = new LogLines();

	private final TopicReader<Alert> alerts = new TopicReader<>(Topics.ALERTS, this.envId::equals);

	@TempDir
	Path stateDir;

	@BeforeEach
	void onlyThisTestsRules() {
		PostgresFixture.shared().truncateAll();
	}

	@AfterEach
	void close() {
		this.alerts.close();
		this.lines.close();
		this.webhook.close();
	}

	@Test
	void aRuleMadeThroughTheApiFiresOncePerWindowAndReachesTheWebhookWithTheAlertIdAsKey() throws Exception {
		try (RunningAlerts app = RunningAlerts.start("once-" + this.envId, this.stateDir, this.webhook)) {
			// given
			HttpResponse<String> refused = post(app, "{\"name\": \"errors\", \"envId\": \"" + this.envId
					+ "\", \"kind\": \"LOG_PATTERN\", \"pattern\": \"(a)\\\\1\", \"atLeast\": 0}");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("pattern: invalid pattern").contains("atLeast: required, 1 or more")
				.contains("window: required");
			createErrorRule(app, 3);

			// when: five matching lines in the first window, then two in the second
			this.lines.send(this.envId, this.window1, "ERROR a", "all good", "ERROR b");
			this.lines.send(this.envId, this.window1 + 5_000, "ERROR c", "ERROR d", "ERROR e");
			this.lines.send(this.envId, this.window1 + 70_000, "ERROR f", "ERROR g");
			this.lines.send(this.envId, this.window1 + 80_000, "ERROR h");

			// then: one alert per window, the second one telling that nothing more came for the first
			await().atMost(Duration.ofSeconds(60)).until(() -> this.alerts.values().size() >= 2);
			assertThat(this.alerts.values()).extracting(Alert::getAlertId)
				.containsExactly(alertId(1, this.window1), alertId(1, this.window1 + 60_000));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.webhook.accepted().size() >= 2);
			assertThat(this.webhook.posts()).extracting(Post::idempotencyKey)
				.containsExactly(alertId(1, this.window1), alertId(1, this.window1 + 60_000));
			assertThat(this.webhook.posts().get(0).body()).contains("\"alertId\":\"" + alertId(1, this.window1) + "\"")
				.contains("\"envId\":\"" + this.envId + "\"")
				.contains("\"observed\":3.0");
			// and the dashboard's alerts panel finds what it queries
			String metrics = prometheus(app);
			assertThat(metrics).contains("envstream_alerts_published_total{kind=\"log_pattern\"} 2.0");
			Set<String> queried = DashboardMetrics.byPanel()
				.values()
				.stream()
				.flatMap(Set::stream)
				.filter((series) -> series.startsWith("envstream_alerts_"))
				.collect(Collectors.toSet());
			assertThat(queried).as("alerts series in %s", DashboardMetrics.file()).isNotEmpty();
			assertThat(DashboardMetrics.exposed(metrics)).containsAll(queried);
		}
	}

	@Test
	void aRestartedAppNeitherLosesNorRepeatsAnAlert() throws Exception {
		String name = "restart-" + this.envId;
		// a stopped Kafka Streams member stays in its group until its session times out (45 s by default): the
		// second app gets the partitions after that
		String[] shortSession = { "--spring.kafka.streams.properties.session.timeout.ms=6000",
				"--spring.kafka.streams.properties.heartbeat.interval.ms=1000" };
		try (RunningAlerts app = RunningAlerts.start(name, this.stateDir.resolve("first"), this.webhook, shortSession)) {
			// given an alert for the first window, delivered
			createErrorRule(app, 2);
			this.lines.send(this.envId, this.window1, "ERROR a", "ERROR b");
			await().atMost(Duration.ofSeconds(60)).until(() -> this.webhook.accepted().size() == 1);
		}

		// when, while the app is down, the first window gets more matches and the second enough to fire
		this.lines.send(this.envId, this.window1 + 1_000, "ERROR c", "ERROR d");
		this.lines.send(this.envId, this.window1 + 60_000, "ERROR e", "ERROR f");
		// and the app comes back with an empty state directory: its counts come back from the changelog
		try (RunningAlerts app = RunningAlerts.start(name, this.stateDir.resolve("second"), this.webhook,
				shortSession)) {
			await().atMost(Duration.ofSeconds(90)).until(() -> this.webhook.accepted().size() >= 2);
			this.lines.send(this.envId, this.window1 + 120_000, "ERROR g", "ERROR h");
			await().atMost(Duration.ofSeconds(60)).until(() -> this.webhook.accepted().size() >= 3);
		}

		// then
		List<String> expected = List.of(alertId(1, this.window1), alertId(1, this.window1 + 60_000),
				alertId(1, this.window1 + 120_000));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.alerts.values().size() >= expected.size());
		assertThat(this.alerts.values()).extracting(Alert::getAlertId).containsExactlyElementsOf(expected);
		assertThat(this.webhook.posts()).extracting(Post::idempotencyKey).containsExactlyElementsOf(expected);
	}

	@Test
	void aWebhookDownForThirtySecondsGetsTheAlertLaterWithTheSameIdempotencyKey() throws Exception {
		try (RunningAlerts app = RunningAlerts.start("outage-" + this.envId, this.stateDir, this.webhook,
				"--envstream.alerts.webhook-retry.initial-interval=500ms",
				"--envstream.alerts.webhook-retry.max-interval=4s")) {
			// given
			createErrorRule(app, 1);
			Instant back = Instant.now().plusSeconds(30);
			this.webhook.refuseUntil(back);

			// when
			this.lines.send(this.envId, this.window1, "ERROR while the webhook is down");

			// then
			await().atMost(Duration.ofSeconds(90)).until(() -> this.webhook.accepted().size() == 1);
			String key = alertId(1, this.window1);
			List<Post> posts = this.webhook.posts();
			assertThat(posts).extracting(Post::idempotencyKey).containsOnly(key);
			assertThat(posts).filteredOn((post) -> post.answered() == 503).hasSizeGreaterThan(2);
			assertThat(this.webhook.accepted()).singleElement()
				.satisfies((post) -> assertThat(post.at()).isAfterOrEqualTo(back));
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.alerts.values().isEmpty());
			assertThat(this.alerts.values()).hasSize(1);
			assertThat(prometheus(app)).as("read again at every retry, counted once")
				.contains("envstream_alerts_published_total{kind=\"log_pattern\"} 1.0");
		}
	}

	@Test
	void anAlertAWebhookStillRefusesWhenRetriesRunOutGoesToTheDeadLetterTopic() throws Exception {
		try (RunningAlerts app = RunningAlerts.start("dead-" + this.envId, this.stateDir, this.webhook,
				"--envstream.alerts.webhook-retry.initial-interval=200ms",
				"--envstream.alerts.webhook-retry.give-up-after=2s");
				TopicReader<byte[]> deadLetters = new TopicReader<>(Topics.ALERTS_WEBHOOKS_DLT, this.envId::equals)) {
			// given
			createErrorRule(app, 1);
			this.webhook.refuseUntil(Instant.MAX);

			// when
			this.lines.send(this.envId, this.window1, "ERROR nobody hears");

			// then
			await().atMost(Duration.ofSeconds(60)).until(() -> !deadLetters.records().isEmpty());
			ConsumerRecord<String, byte[]> deadLetter = deadLetters.records().get(0);
			Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(),
					deadLetter.value());
			assertThat(alert.getAlertId()).isEqualTo(alertId(1, this.window1));
			assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-message").value()))
				.contains("receiver answered 503");
		}
	}

	private void createErrorRule(RunningAlerts app, int atLeast) throws Exception {
		HttpResponse<String> created = post(app, "{\"name\": \"errors\", \"envId\": \"" + this.envId
				+ "\", \"kind\": \"LOG_PATTERN\", \"pattern\": \"ERROR\", \"atLeast\": " + atLeast
				+ ", \"window\": \"" + WINDOW + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/alert-rules/1");
	}

	private HttpResponse<String> post(RunningAlerts app, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/alert-rules"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String prometheus(RunningAlerts app) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private String alertId(long ruleId, long windowStart) {
		return ruleId + ":" + this.envId + ":" + windowStart;
	}

}
