package io.envstream.processor.persist;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Applies what one poll of envstream.environments returned to the environments table; undecodable records go to
 * envstream.environments.dlt once the rest is written, and descriptors refused for conflicting with their
 * environment's claim are logged and counted ({@code envstream.persister.claims.refused}). Failures are retried like those of the log writer.
 */
class EnvironmentListener implements BatchMessageListener<String, byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(EnvironmentListener.class);

	private final EnvironmentWriter writer;

	private final DeadLetterPublisher deadLetters;

	private final PersisterMetrics metrics;

	EnvironmentListener(EnvironmentWriter writer, DeadLetterPublisher deadLetters, PersisterMetrics metrics) {
		this.writer = writer;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
		List<EnvironmentWriter.Change> changes = new ArrayList<>(records.size());
		List<ConsumerRecord<String, byte[]>> undecodable = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				EnvironmentDescriptor descriptor = Topics.ENVIRONMENTS.valueSerde()
					.deserializer()
					.deserialize(record.topic(), record.value());
				if (record.key() == null) {
					throw new SerializationException(record.topic() + ": a descriptor without a key");
				}
				changes.add(new EnvironmentWriter.Change(record.key(), descriptor, record.timestamp(),
						record.partition(), record.offset()));
			}
			catch (SerializationException ex) {
				undecodable.add(record);
				reasons.add(ex.getMessage());
			}
		}
		List<EnvironmentWriter.Change> refused;
		try {
			refused = this.writer.write(changes);
		}
		catch (RuntimeException ex) {
			this.metrics.databaseError();
			throw ex;
		}
		this.metrics.environmentsWritten(changes.size() - refused.size());
		for (EnvironmentWriter.Change change : refused) {
			logger.warn("Refused the descriptor of environment '{}' from host '{}' (owner '{}', team '{}'): it "
					+ "conflicts with the environment's claim; see environment_claim_refusals",
					change.environmentId(), change.descriptor().getHostId(), change.descriptor().getOwner(),
					change.descriptor().getTeam());
			this.metrics.claimRefused();
		}
		for (int i = 0; i < undecodable.size(); i++) {
			this.deadLetters.send(Topics.ENVIRONMENTS_DLT.name(), undecodable.get(i), reasons.get(i));
			this.metrics.deadLetter();
		}
	}

}
