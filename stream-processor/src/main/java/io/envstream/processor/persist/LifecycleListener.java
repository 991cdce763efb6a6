package io.envstream.processor.persist;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Counts the restarts one poll of envstream.status holds ({@link LifecycleWriter}). A record that is not an
 * {@code EnvironmentStatus} is logged and skipped: the collector's topic keeps it for its other readers, and it
 * changes no state. Failures are retried like those of the log writer.
 */
class LifecycleListener implements BatchMessageListener<String, byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(LifecycleListener.class);

	private final LifecycleWriter writer;

	private final PersisterMetrics metrics;

	LifecycleListener(LifecycleWriter writer, PersisterMetrics metrics) {
		this.writer = writer;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
		List<LifecycleWriter.Change> changes = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			if (record.value() == null) {
				continue;
			}
			try {
				EnvironmentStatus status = Topics.STATUS.valueSerde().deserializer().deserialize(record.topic(),
						record.value());
				changes.add(new LifecycleWriter.Change(record.partition(), record.offset(), status));
			}
			catch (SerializationException ex) {
				logger.warn("Skipped {}-{}@{}: not an EnvironmentStatus: {}", record.topic(), record.partition(),
						record.offset(), ex.getMessage());
				this.metrics.undecodableStatus();
			}
		}
		try {
			this.metrics.restarts(this.writer.write(changes));
		}
		catch (RuntimeException ex) {
			this.metrics.databaseError();
			throw ex;
		}
	}

}
