package io.envstream.processor.topology;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the claim of every environment id of its partition ({@link ClaimRules}) and lets through only the lines
 * the claim allows. It reads three inputs, all keyed by envId with the same partition count:
 * <ul>
 * <li>decoded records of {@code envstream.logs.raw}, each holding lines of one container: lines from another host
 * than the claim's, or from a container whose descriptor was refused, go to the dead-letter topic as their record,
 * re-encoded, with cause {@link DeadLetterCause#CLAIM_REFUSED}; they never reach {@code envstream.logs}, so neither
 * history nor the live stream;</li>
 * <li>{@code envstream.environments}: the first descriptor claims an id; a refused descriptor's container is
 * remembered. The descriptor itself goes nowhere: the persister applies the same rule to the {@code environments}
 * table and records the refusal there (and dead-letters what cannot be decoded);</li>
 * <li>{@code envstream.environments.claims}: an admin's move, written by the gateway only, replaces the claim and
 * lets the containers refused under the old one be judged anew.</li>
 * </ul>
 * One processor for the three, so that the claims it decodes once can stay in memory ({@link ClaimStore}).
 */
final class ClaimGuard implements Processor<String, Object, String, Object> {

	private static final Logger logger = LoggerFactory.getLogger(ClaimGuard.class);

	private final String lines;

	private final String deadLetterSink;

	private final TopologyMetrics metrics;

	private ProcessorContext<String, Object> context;

	private ClaimStore store;

	private DeadLetters deadLetters;

	ClaimGuard(String lines, String deadLetterSink, TopologyMetrics metrics) {
		this.lines = lines;
		this.deadLetterSink = deadLetterSink;
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.store = new ClaimStore(context);
		this.deadLetters = new DeadLetters(context, this.deadLetterSink, this.metrics);
	}

	@Override
	public void process(Record<String, Object> record) {
		if (record.value() instanceof LogEventBatch lines) {
			lines(record, lines);
		}
		else if (Topics.ENVIRONMENTS.name().equals(this.context.recordMetadata().orElseThrow().topic())) {
			descriptor(record.key(), (byte[]) record.value());
		}
		else {
			move(record.key(), (byte[]) record.value());
		}
	}

	/** The lines of one record share their environment, host and container, so one verdict holds for them all. */
	private void lines(Record<String, Object> record, LogEventBatch lines) {
		ClaimRules.Verdict verdict = ClaimRules.line(lines.getEnvId(), this.store.claim(lines.getEnvId()),
				lines.getHostId(), this.context.currentSystemTimeMs());
		if (verdict.accepted() && this.store.refused(lines.getEnvId(), lines.getContainerId())) {
			verdict = ClaimRules.Verdict.refused(ClaimConflict.CONTAINER, "environment '" + lines.getEnvId()
					+ "': the descriptor of container '" + lines.getContainerId() + "' was refused");
		}
		if (!verdict.accepted()) {
			this.metrics.claimRefused("line", verdict.conflict(), lines.getLines().size());
			this.deadLetters.send(record.withValue(Topics.LOGS_RAW.valueSerde().serializer()
				.serialize(Topics.LOGS_RAW.name(), lines)), DeadLetterCause.CLAIM_REFUSED, verdict.reason());
			return;
		}
		if (verdict.claim() != null) {
			this.store.keep(verdict.claim());
		}
		this.context.forward(record, this.lines);
	}

	private void descriptor(String key, byte[] value) {
		EnvironmentDescriptor descriptor;
		try {
			descriptor = Topics.ENVIRONMENTS.valueSerde().deserializer().deserialize(Topics.ENVIRONMENTS.name(), value);
		}
		catch (SerializationException ex) {
			logger.debug("Not a descriptor, the persister dead-letters it: {}", ex.getMessage());
			return;
		}
		if (descriptor == null || !descriptor.getEnvId().equals(key)) {
			return;
		}
		ClaimRules.Verdict verdict = ClaimRules.descriptor(this.store.claim(key), descriptor,
				this.context.currentSystemTimeMs());
		if (verdict.claim() != null) {
			this.store.keep(verdict.claim());
		}
		if (!verdict.accepted()) {
			logger.warn("Refused the descriptor of container '{}' from host '{}': {}", descriptor.getContainerId(),
					descriptor.getHostId(), verdict.reason());
			this.metrics.claimRefused("descriptor", verdict.conflict(), 1);
			if (descriptor.getContainerId() != null) {
				this.store.refuse(key, descriptor.getContainerId(), verdict.reason());
			}
		}
	}

	private void move(String key, byte[] value) {
		EnvironmentClaim claim;
		try {
			claim = Topics.CLAIMS.valueSerde().deserializer().deserialize(Topics.CLAIMS.name(), value);
		}
		catch (SerializationException ex) {
			logger.warn("Ignored a record of {} that is not a claim: {}", Topics.CLAIMS.name(), ex.getMessage());
			return;
		}
		if (claim == null || !claim.getEnvId().equals(key)) {
			logger.warn("Ignored a record of {} keyed '{}' that does not carry that environment's claim",
					Topics.CLAIMS.name(), key);
			return;
		}
		logger.info("Environment '{}' moved by '{}' to host '{}'", key, claim.getClaimedBy(), claim.getHostId());
		this.store.keep(claim);
		this.store.forgetRefusedContainers(key);
	}

}
