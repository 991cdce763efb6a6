package io.envstream.processor.topology;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Lets through only the lines of the host an environment id belongs to ({@link ClaimRules#line}), and not those of
 * a container whose descriptor was refused. A refused line goes to the dead-letter topic as read, with cause
 * {@link DeadLetterCause#CLAIM_REFUSED}: it never reaches {@code envstream.logs}, so neither history nor the live
 * stream, and an operator can still see what the impostor sent.
 */
final class ClaimedLines implements Processor<String, LogEvent, String, Object> {

	private final String lines;

	private final String deadLetterSink;

	private final TopologyMetrics metrics;

	private ProcessorContext<String, Object> context;

	private ClaimStore store;

	private DeadLetters deadLetters;

	ClaimedLines(String lines, String deadLetterSink, TopologyMetrics metrics) {
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
	public void process(Record<String, LogEvent> record) {
		LogEvent line = record.value();
		ClaimRules.Verdict verdict = ClaimRules.line(line.getEnvId(), this.store.claim(line.getEnvId()),
				line.getHostId(), this.context.currentSystemTimeMs());
		if (verdict.accepted() && this.store.refused(line.getEnvId(), line.getContainerId())) {
			verdict = ClaimRules.Verdict.refused(ClaimConflict.CONTAINER, "environment '" + line.getEnvId()
					+ "': the descriptor of container '" + line.getContainerId() + "' was refused");
		}
		if (!verdict.accepted()) {
			this.metrics.claimRefused("line", verdict.conflict());
			this.deadLetters.send(record.withValue(Topics.LOGS_RAW.valueSerde().serializer()
				.serialize(Topics.LOGS_RAW.name(), line)), DeadLetterCause.CLAIM_REFUSED, verdict.reason());
			return;
		}
		if (verdict.claim() != null) {
			this.store.keep(verdict.claim());
		}
		this.context.forward(record, this.lines);
	}

}
