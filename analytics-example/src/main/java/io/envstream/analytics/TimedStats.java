package io.envstream.analytics;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** An increment with the time it happened at (a line's Docker timestamp, a state's observation time). */
record TimedStats(long timestampMillis, MinuteStats stats) {

	/**
	 * Re-stamps each increment with its own time, so the windows count by event time. Key-preserving, so the
	 * aggregate after it needs no repartition topic.
	 */
	static final class AtEventTime implements FixedKeyProcessor<String, TimedStats, MinuteStats> {

		private FixedKeyProcessorContext<String, MinuteStats> context;

		@Override
		public void init(FixedKeyProcessorContext<String, MinuteStats> context) {
			this.context = context;
		}

		@Override
		public void process(FixedKeyRecord<String, TimedStats> record) {
			this.context.forward(record.withValue(record.value().stats()).withTimestamp(record.value().timestampMillis()));
		}

	}

}
