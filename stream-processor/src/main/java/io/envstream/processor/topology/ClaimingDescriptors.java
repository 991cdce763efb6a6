package io.envstream.processor.topology;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code envstream.environments} (co-partitioned with {@code envstream.logs.raw}: same key, same partition
 * count) to learn the claims: the first descriptor of an id claims it ({@link ClaimRules#descriptor}); a refused
 * descriptor's container is remembered, so that its lines are refused even from the claimed host. The descriptor
 * itself goes nowhere: the persister applies the same rule to the {@code environments} table and records the
 * refusal there. A record that cannot be decoded is left to the persister, which dead-letters it.
 */
final class ClaimingDescriptors implements Processor<String, byte[], Void, Void> {

	private static final Logger logger = LoggerFactory.getLogger(ClaimingDescriptors.class);

	private final TopologyMetrics metrics;

	private ProcessorContext<Void, Void> context;

	private ClaimStore store;

	ClaimingDescriptors(TopologyMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.context = context;
		this.store = new ClaimStore(context);
	}

	@Override
	public void process(Record<String, byte[]> record) {
		EnvironmentDescriptor descriptor;
		try {
			descriptor = Topics.ENVIRONMENTS.valueSerde()
				.deserializer()
				.deserialize(Topics.ENVIRONMENTS.name(), record.value());
		}
		catch (SerializationException ex) {
			logger.debug("Not a descriptor, the persister dead-letters it: {}", ex.getMessage());
			return;
		}
		if (descriptor == null || !descriptor.getEnvId().equals(record.key())) {
			return;
		}
		ClaimRules.Verdict verdict = ClaimRules.descriptor(this.store.claim(descriptor.getEnvId()), descriptor,
				this.context.currentSystemTimeMs());
		if (verdict.claim() != null) {
			this.store.keep(verdict.claim());
		}
		if (!verdict.accepted()) {
			logger.warn("Refused the descriptor of container '{}' from host '{}': {}", descriptor.getContainerId(),
					descriptor.getHostId(), verdict.reason());
			this.metrics.claimRefused("descriptor", verdict.conflict());
			if (descriptor.getContainerId() != null) {
				this.store.refuse(descriptor.getEnvId(), descriptor.getContainerId(), verdict.reason());
			}
		}
	}

}
