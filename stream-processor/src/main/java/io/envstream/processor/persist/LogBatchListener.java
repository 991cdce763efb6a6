package io.envstream.processor.persist;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Persists what one poll of envstream.logs returned: decodes every record, writes all lines in one bulk
 * transaction, then sends the undecodable records to envstream.logs.dlt. A failed write throws, so the
 * container's error handler pauses and retries the same records with backoff; the offsets are committed only
 * once this returns, and replayed rows are skipped by position.
 */
class LogBatchListener implements BatchMessageListener<String, byte[]> {

	private final LogEntryWriter writer;

	private final DeadLetterPublisher deadLetters;

	private final PersisterMetrics metrics;

	LogBatchListener(LogEntryWriter writer, DeadLetterPublisher deadLetters, PersisterMetrics metrics) {
		this.writer = writer;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
		List<PositionedBatch> batches = new ArrayList<>(records.size());
		List<Undecodable> undecodable = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				LogBatch batch = Topics.LOGS.valueSerde().deserializer().deserialize(record.topic(), record.value());
				if (batch == null) {
					undecodable.add(new Undecodable(record, record.topic() + ": a record without a value is not a batch"));
				}
				else {
					batches.add(new PositionedBatch(record.partition(), record.offset(), batch));
				}
			}
			catch (SerializationException ex) {
				undecodable.add(new Undecodable(record, ex.getMessage()));
			}
		}
		write(batches);
		for (Undecodable record : undecodable) {
			this.deadLetters.send(Topics.LOGS_DLT.name(), record.record(), record.reason());
			this.metrics.deadLetter();
		}
	}

	private void write(List<PositionedBatch> batches) {
		long started = System.nanoTime();
		try {
			this.metrics.written(this.writer.write(batches), System.nanoTime() - started);
		}
		catch (SQLException ex) {
			this.metrics.databaseError();
			throw new TransientDataAccessResourceException("cannot write " + batches.size()
					+ " batches to log_batches, will retry: " + ex.getMessage(), ex);
		}
		for (PositionedBatch batch : batches) {
			List<io.envstream.schemas.avro.LogEntry> entries = batch.batch().getEntries();
			if (!entries.isEmpty()) {
				this.metrics.lagOf(entries.get(entries.size() - 1).getTimestampNanos());
			}
		}
	}

	private record Undecodable(ConsumerRecord<String, byte[]> record, String reason) {

	}

}
