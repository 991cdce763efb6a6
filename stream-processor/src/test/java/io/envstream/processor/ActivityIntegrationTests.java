package io.envstream.processor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The persister's per-minute rollup of lines and restarts, through the real broker into PostgreSQL; a poll that
 * Kafka delivers again (the group's offset moved back, as after a crash between the database commit and the offset
 * commit) counts nothing twice.
 */
class ActivityIntegrationTests extends SharedProcessorContext {

	private final KafkaFixture kafka = KafkaFixture.shared();

	private final JdbcTemplate jdbc = new JdbcTemplate(PostgresFixture.shared().dataSource());

	@Autowired
	private ApplicationContext context;

	@Test
	void countsStoredLinesByStreamAndLevelOnceEvenWhenTheirBatchesAreDeliveredAgain() {
		// given: lines 0..11, odd ones on stderr; three look like errors, two like warnings
		String environmentId = "activity-" + UUID.randomUUID();
		List<String> messages = List.of("started", "ERROR db down", "level=warn msg=slow", "ok", "FATAL oom",
				"{\"level\":\"error\",\"msg\":\"x\"}", "[warn] disk", "0 errors", "fine", "still fine", "done",
				"bye");
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			for (int seq = 0; seq < messages.size(); seq++) {
				lines.send(environmentId, seq, messages.get(seq));
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> lines(environmentId) == messages.size());
		Map<String, Object> counted = activity(environmentId);

		// when
		Map<String, Object> first = this.jdbc.queryForMap("SELECT kafka_partition, min(kafka_offset) AS kafka_offset "
				+ "FROM log_batches WHERE environment_id = ? GROUP BY kafka_partition", environmentId);
		deliverAgain("logEntriesListenerContainer",
				new TopicPartition(Topics.LOGS.name(), (Integer) first.get("kafka_partition")),
				(Long) first.get("kafka_offset"));

		// then
		assertThat(counted).containsEntry("stdout", 6L).containsEntry("stderr", 6L).containsEntry("errors", 3L)
			.containsEntry("warnings", 2L).containsEntry("restarts", 0L);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM log_lines WHERE environment_id = ?", Long.class,
				environmentId)).isEqualTo(messages.size());
		assertThat(activity(environmentId)).isEqualTo(counted);
	}

	@Test
	void countsARestartWhenTheEnvironmentRunsAgainAfterGoingDownAndNotWhenAStatusComesAgain() {
		// given
		String environmentId = "restarts-" + UUID.randomUUID();
		Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		this.jdbc.update("INSERT INTO environments (environment_id, host_id) VALUES (?, 'host-1')", environmentId);
		RecordMetadata first = publish(environmentId, Status.RUNNING, "host-1", at);
		publish(environmentId, Status.EXITED, "host-1", at.plusSeconds(1));
		publish(environmentId, Status.RUNNING, "host-1", at.plusSeconds(2));
		// a collector restarting announces the state again; another host's state is not the environment's
		publish(environmentId, Status.RUNNING, "host-1", at.plusSeconds(3));
		publish(environmentId, Status.EXITED, "host-2", at.plusSeconds(4));
		publish(environmentId, Status.RUNNING, "host-2", at.plusSeconds(5));
		publish(environmentId, Status.EXITED, "host-1", at.plusSeconds(70));
		RecordMetadata last = publish(environmentId, Status.RUNNING, "host-1", at.plusSeconds(71));
		await().atMost(Duration.ofSeconds(60)).until(() -> this.jdbc.queryForList(
				"SELECT kafka_offset FROM environment_lifecycle WHERE environment_id = ?", Long.class, environmentId),
				(offsets) -> offsets.equals(List.of(last.offset())));

		// when
		deliverAgain("lifecycleListenerContainer", new TopicPartition(Topics.STATUS.name(), last.partition()),
				first.offset());

		// then
		assertThat(this.jdbc.queryForList("SELECT restarts FROM environment_activity WHERE environment_id = ? "
				+ "ORDER BY minute", Integer.class, environmentId)).containsExactly(1, 1);
		assertThat(this.jdbc.queryForObject("SELECT minute FROM environment_activity WHERE environment_id = ? "
				+ "ORDER BY minute LIMIT 1", java.sql.Timestamp.class, environmentId).toInstant()).isEqualTo(at);
	}

	private long lines(String environmentId) {
		Map<String, Object> activity = activity(environmentId);
		return (Long) activity.get("stdout") + (Long) activity.get("stderr");
	}

	private Map<String, Object> activity(String environmentId) {
		return this.jdbc.queryForMap("""
				SELECT coalesce(sum(stdout_lines), 0)::bigint AS stdout, coalesce(sum(stderr_lines), 0)::bigint AS stderr,
				  coalesce(sum(error_lines), 0)::bigint AS errors, coalesce(sum(warning_lines), 0)::bigint AS warnings,
				  coalesce(sum(restarts), 0)::bigint AS restarts
				FROM environment_activity WHERE environment_id = ?""", environmentId);
	}

	private RecordMetadata publish(String environmentId, Status status, String hostId, Instant at) {
		EnvironmentStatus record = EnvironmentStatus.newBuilder()
			.setEnvId(environmentId)
			.setStatus(status)
			.setContainerId("c-1")
			.setHostId(hostId)
			.setTimestampMillis(at.toEpochMilli())
			.build();
		try (KafkaProducer<String, EnvironmentStatus> producer = new KafkaProducer<>(this.kafka.producerProps(),
				Topics.STATUS.keySerde().serializer(), Topics.STATUS.valueSerde().serializer())) {
			return producer.send(new ProducerRecord<>(Topics.STATUS.name(), environmentId, record)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stops the listener, moves its group's offset of the partition back to {@code from} and starts it again, then
	 * waits until it has read up to where it was: every record from {@code from} on is delivered again.
	 */
	private void deliverAgain(String containerName, TopicPartition partition, long from) {
		MessageListenerContainer container = this.context.getBean(containerName, MessageListenerContainer.class);
		String group = container.getGroupId();
		container.stop();
		try {
			long committed = await().atMost(Duration.ofSeconds(30)).until(() -> committed(group, partition),
					(offset) -> offset > from);
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> this.kafka.admin()
				.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(from)))
				.all()
				.get());
			container.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> committed(group, partition) >= committed);
		}
		finally {
			if (!container.isRunning()) {
				container.start();
			}
		}
	}

	private long committed(String group, TopicPartition partition) throws Exception {
		OffsetAndMetadata offset = this.kafka.admin()
			.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(partition);
		return (offset != null) ? offset.offset() : 0;
	}

}
