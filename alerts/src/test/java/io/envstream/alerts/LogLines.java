package io.envstream.alerts;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes batches of lines to envstream.logs as the stream processor would, with the Docker time of the caller. */
final class LogLines implements AutoCloseable {

	private final KafkaProducer<String, LogBatch> producer = new KafkaProducer<>(
			KafkaFixture.shared().producerProps(), Topics.LOGS.keySerde().serializer(),
			Topics.LOGS.valueSerde().serializer());

	private long seq;

	/** One batch of {@code messages}, all at {@code timestampMillis}, sent and flushed. */
	void send(String envId, long timestampMillis, String... messages) {
		List<LogEntry> entries = new ArrayList<>();
		for (String message : messages) {
			entries.add(LogEntry.newBuilder()
				.setStream(Stream.STDOUT)
				.setTimestampNanos(timestampMillis * 1_000_000)
				.setContainerId("c-" + envId)
				.setHostId("host-it")
				.setSeq(this.seq++)
				.setMessage(message)
				.build());
		}
		LogBatch batch = LogBatch.newBuilder()
			.setEnvId(envId)
			.setEntries(entries)
			.setSourcePartition(0)
			.setSourceFirstOffset(this.seq - entries.size())
			.setSourceLastOffset(this.seq - 1)
			.build();
		this.producer.send(new ProducerRecord<>(Topics.LOGS.name(), envId, batch));
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
