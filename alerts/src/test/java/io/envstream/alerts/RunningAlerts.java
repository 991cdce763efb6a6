package io.envstream.alerts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The alerts app started by its main entry point against the JVM's Kafka broker and PostgreSQL, with a Kafka
 * Streams application id, a webhook consumer group and a state directory of the caller's (so a second start with
 * the same ones is a restart of the same app).
 */
final class RunningAlerts implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningAlerts(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static RunningAlerts start(String name, Path stateDir, WebhookReceiver webhook, String... extraArguments) {
		PostgresFixture postgres = PostgresFixture.shared();
		startWebhookSenderAtTheEnd("alerts-webhooks-" + name);
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + KafkaFixture.shared().bootstrapServers(),
				"--spring.datasource.url=" + postgres.jdbcUrl(),
				"--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(), "--server.port=0",
				"--spring.kafka.streams.application-id=alerts-" + name,
				"--spring.kafka.streams.state-dir=" + stateDir,
				"--spring.kafka.consumer.group-id=alerts-webhooks-" + name,
				"--envstream.alerts.partitions=2",
				"--envstream.alerts.webhooks[0].name=receiver",
				"--envstream.alerts.webhooks[0].url=" + webhook.url()));
		arguments.addAll(List.of(extraArguments));
		return new RunningAlerts(AlertsApplication.application().run(arguments.toArray(String[]::new)));
	}

	/**
	 * A new webhook group starts where envstream.alerts ends now, as a group that has run before would: the alerts
	 * of the tests before are not posted to this test's receiver. A group that has offsets keeps them (a restart).
	 */
	private static void startWebhookSenderAtTheEnd(String group) {
		Admin admin = KafkaFixture.shared().admin();
		try {
			if (!admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty()) {
				return;
			}
			new TopicProvisioner(admin, 2, (short) 1).provision(List.of(Topics.ALERTS));
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(List.of(Topics.ALERTS.name()))
				.allTopicNames()
				.get()
				.get(Topics.ALERTS.name())
				.partitions()
				.forEach((partition) -> latest.put(new TopicPartition(Topics.ALERTS.name(), partition.partition()),
						OffsetSpec.latest()));
			Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get()
				.forEach((partition, offset) -> ends.put(partition, new OffsetAndMetadata(offset.offset())));
			admin.alterConsumerGroupOffsets(group, ends).all().get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException("cannot set the offsets of " + group, ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
