package io.envstream.processor.topology;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an admin's move from {@code envstream.environments.claims} (written by the gateway only): the claim it
 * carries replaces the one kept, and the containers refused under the old claim are judged anew.
 */
final class ClaimMoves implements Processor<String, byte[], Void, Void> {

	private static final Logger logger = LoggerFactory.getLogger(ClaimMoves.class);

	private ClaimStore store;

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.store = new ClaimStore(context);
	}

	@Override
	public void process(Record<String, byte[]> record) {
		EnvironmentClaim claim;
		try {
			claim = Topics.CLAIMS.valueSerde().deserializer().deserialize(Topics.CLAIMS.name(), record.value());
		}
		catch (SerializationException ex) {
			logger.warn("Ignored a record of {} that is not a claim: {}", Topics.CLAIMS.name(), ex.getMessage());
			return;
		}
		if (claim == null || !claim.getEnvId().equals(record.key())) {
			logger.warn("Ignored a record of {} keyed '{}' that does not carry that environment's claim",
					Topics.CLAIMS.name(), record.key());
			return;
		}
		logger.info("Environment '{}' moved by '{}' to host '{}'", claim.getEnvId(), claim.getClaimedBy(),
				claim.getHostId());
		this.store.keep(claim);
		this.store.forgetRefusedContainers(claim.getEnvId());
	}

}
