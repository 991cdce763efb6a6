package io.envstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.envstream.processor.topology.DeadLetterHeaders;
import io.envstream.processor.topology.TopologyMetrics;
import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An environment id belongs to its first claim, through the real topology, persister, broker and PostgreSQL: an
 * impostor's lines reach neither {@code envstream.logs} nor {@code log_batches}, its descriptor changes nothing in
 * {@code environments}, and the refusals are counted and recorded.
 */
class ClaimIntegrationTests extends SharedProcessorContext {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final KafkaFixture kafka = KafkaFixture.shared();

	private final JdbcTemplate jdbc = new JdbcTemplate(PostgresFixture.shared().dataSource());

	@Autowired
	private MeterRegistry registry;

	@Test
	void impostorFromAnotherHostGetsNeitherHistoryNorLiveStreamNorTheEnvironmentsRow() {
		// given
		String environmentId = "claimed-" + UUID.randomUUID();
		describe(descriptor(environmentId, "host-1", "c-1", "ann", "blue"));
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			lines.send(environmentId, "host-1", "c-1", 0, "mine");
		}
		await().atMost(WAIT).until(() -> messages(environmentId).contains("mine")
				&& "host-1".equals(column(environmentId, "host_id")));
		double linesRefused = count(TopologyMetrics.CLAIMS_REFUSED, "kind", "line", "conflict", "host");
		double descriptorsRefused = count("envstream.persister.claims.refused");

		// when
		describe(descriptor(environmentId, "host-2", "c-9", "mallory", "red"));
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			lines.send(environmentId, "host-2", "c-9", 1, "impostor");
			lines.flush();
			lines.send(environmentId, "host-1", "c-1", 2, "mine again");
		}

		// then
		await().atMost(WAIT).until(() -> messages(environmentId).contains("mine again") && refusals(environmentId) == 1);
		assertThat(messages(environmentId)).containsExactly("mine", "mine again");
		assertThat(liveMessages(environmentId, "mine again")).containsExactly("mine", "mine again");
		assertThat(this.jdbc.queryForMap("SELECT host_id, container_id, owner, team, agent_url FROM environments"
				+ " WHERE environment_id = ?", environmentId))
			.containsEntry("host_id", "host-1")
			.containsEntry("container_id", "c-1")
			.containsEntry("owner", "ann")
			.containsEntry("team", "blue")
			.containsEntry("agent_url", "ws://host-1:8081/internal/terminal");
		assertThat(this.jdbc.queryForMap("SELECT reason, host_id, container_id, owner, claimed_host_id, claimed_owner"
				+ " FROM environment_claim_refusals WHERE environment_id = ?", environmentId))
			.containsEntry("reason", "host")
			.containsEntry("host_id", "host-2")
			.containsEntry("container_id", "c-9")
			.containsEntry("owner", "mallory")
			.containsEntry("claimed_host_id", "host-1")
			.containsEntry("claimed_owner", "ann");
		ConsumerRecord<String, byte[]> dead = DeadLetterRecords.first(this.kafka, Topics.LOGS_RAW_DLT.name(),
				environmentId);
		assertThat(DeadLetterRecords.header(dead, DeadLetterHeaders.REASON))
			.isEqualTo("environment '" + environmentId + "' belongs to host 'host-1', not 'host-2'");
		assertThat(count(TopologyMetrics.CLAIMS_REFUSED, "kind", "line", "conflict", "host")).isGreaterThan(linesRefused);
		assertThat(count("envstream.persister.claims.refused")).isGreaterThan(descriptorsRefused);
	}

	@Test
	void containerWithAnotherOwnerLabelOnTheClaimedHostIsRefusedWithItsLines() {
		// given
		String environmentId = "owned-" + UUID.randomUUID();
		describe(descriptor(environmentId, "host-1", "c-1", "ann", null));
		await().atMost(WAIT).until(() -> "ann".equals(column(environmentId, "owner")));
		double refusedInTopology = count(TopologyMetrics.CLAIMS_REFUSED, "kind", "descriptor", "conflict", "owner");

		// when
		describe(descriptor(environmentId, "host-1", "c-2", "mallory", null));
		await().atMost(WAIT)
			.until(() -> count(TopologyMetrics.CLAIMS_REFUSED, "kind", "descriptor", "conflict", "owner")
					> refusedInTopology && refusals(environmentId) == 1);
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			lines.send(environmentId, "host-1", "c-2", 0, "impostor");
			lines.flush();
			lines.send(environmentId, "host-1", "c-1", 1, "mine");
		}

		// then
		await().atMost(WAIT).until(() -> messages(environmentId).contains("mine"));
		assertThat(messages(environmentId)).containsExactly("mine");
		assertThat(column(environmentId, "owner")).isEqualTo("ann");
		assertThat(column(environmentId, "container_id")).isEqualTo("c-1");
		assertThat(this.jdbc.queryForObject("SELECT reason FROM environment_claim_refusals WHERE environment_id = ?",
				String.class, environmentId))
			.isEqualTo("owner");
		ConsumerRecord<String, byte[]> dead = DeadLetterRecords.first(this.kafka, Topics.LOGS_RAW_DLT.name(),
				environmentId);
		assertThat(DeadLetterRecords.header(dead, DeadLetterHeaders.REASON))
			.isEqualTo("environment '" + environmentId + "': the descriptor of container 'c-2' was refused");
	}

	@Test
	void afterAMoveTheNewHostIsAcceptedAndTheOldOneRefused() {
		// given
		String environmentId = "moved-" + UUID.randomUUID();
		describe(descriptor(environmentId, "host-1", "c-1", "ann", null));
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			lines.send(environmentId, "host-1", "c-1", 0, "on host-1");
		}
		await().atMost(WAIT).until(() -> messages(environmentId).contains("on host-1"));

		// when: the gateway's move, as POST /api/v1/environments/{id}/claim makes it
		this.jdbc.update("UPDATE environments SET host_id = 'host-2', agent_url = NULL, container_id = NULL"
				+ " WHERE environment_id = ?", environmentId);
		try (KafkaProducer<String, EnvironmentClaim> producer = new KafkaProducer<>(this.kafka.producerProps(),
				new StringSerializer(), Topics.CLAIMS.valueSerde().serializer())) {
			producer.send(new ProducerRecord<>(Topics.CLAIMS.name(), environmentId, EnvironmentClaim.newBuilder()
				.setEnvId(environmentId)
				.setHostId("host-2")
				.setOwner("ann")
				.setClaimedBy("root")
				.setClaimedMillis(System.currentTimeMillis())
				.build()));
		}
		describe(descriptor(environmentId, "host-2", "c-2", "ann", null));
		describe(descriptor(environmentId, "host-1", "c-1", "ann", null));
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			// the topology reads the move and the lines from different topics: the new host's lines are refused
			// until it has read the move, so the first stored one says that it has
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				lines.send(environmentId, "host-2", "c-2", 1, "on host-2");
				lines.flush();
				return messages(environmentId).contains("on host-2");
			});
			lines.send(environmentId, "host-1", "c-1", 2, "old host");
			lines.flush();
			lines.send(environmentId, "host-2", "c-2", 3, "still on host-2");
		}

		// then
		await().atMost(WAIT).until(() -> messages(environmentId).contains("still on host-2")
				&& refusals(environmentId) == 1);
		assertThat(messages(environmentId)).startsWith("on host-1", "on host-2")
			.endsWith("still on host-2")
			.doesNotContain("old host");
		assertThat(column(environmentId, "host_id")).isEqualTo("host-2");
		assertThat(column(environmentId, "container_id")).isEqualTo("c-2");
		assertThat(column(environmentId, "agent_url")).isEqualTo("ws://host-2:8081/internal/terminal");
	}

	private void describe(EnvironmentDescriptor descriptor) {
		try (KafkaProducer<String, EnvironmentDescriptor> producer = new KafkaProducer<>(this.kafka.producerProps(),
				new StringSerializer(), Topics.ENVIRONMENTS.valueSerde().serializer())) {
			producer.send(new ProducerRecord<>(Topics.ENVIRONMENTS.name(), descriptor.getEnvId(), descriptor));
		}
	}

	private static EnvironmentDescriptor descriptor(String environmentId, String hostId, String containerId,
			String owner, String team) {
		return new EnvironmentDescriptor(environmentId, hostId, containerId, "app", "demo:local",
				Map.of("envstream.environment", environmentId), owner, team,
				"ws://" + hostId + ":8081/internal/terminal", 1_764_064_800_000L, false);
	}

	private List<String> messages(String environmentId) {
		return this.jdbc.queryForList("SELECT message FROM log_lines WHERE environment_id = ?"
				+ " ORDER BY kafka_partition, kafka_offset, batch_index", String.class, environmentId);
	}

	private String column(String environmentId, String column) {
		List<String> values = this.jdbc.queryForList(
				"SELECT " + column + " FROM environments WHERE environment_id = ?", String.class, environmentId);
		return values.isEmpty() ? null : values.get(0);
	}

	private long refusals(String environmentId) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM environment_claim_refusals"
				+ " WHERE environment_id = ?", Long.class, environmentId);
		return (count != null) ? count : 0;
	}

	private double count(String name, String... tags) {
		Counter counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** The environment's lines in envstream.logs as the gateway reads them, up to the one saying {@code last}. */
	private List<String> liveMessages(String environmentId, String last) {
		try (KafkaConsumer<String, LogBatch> consumer = new KafkaConsumer<>(
				this.kafka.consumerProps("live-" + UUID.randomUUID()), new StringDeserializer(),
				Topics.LOGS.valueSerde().deserializer())) {
			consumer.subscribe(List.of(Topics.LOGS.name()));
			List<String> messages = new ArrayList<>();
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200))
					.forEach((record) -> record.value()
						.getEntries()
						.stream()
						.filter((entry) -> environmentId.equals(record.key()))
						.map(LogEntry::getMessage)
						.forEach(messages::add));
				return messages.contains(last);
			});
			return messages;
		}
	}

}
