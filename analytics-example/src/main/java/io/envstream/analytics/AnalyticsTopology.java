package io.envstream.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import com.google.re2j.Pattern;
import io.envstream.schemas.topics.CleanupPolicy;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * envstream.logs + envstream.status → per environment and minute: lines, error-looking lines, restarts → the
 * compacted {@value #OUTPUT_NAME} (and each update to {@code published}, which the app turns into Prometheus
 * gauges). Minutes are the lines' and states' own time (Docker's), not the time they were read.
 */
final class AnalyticsTopology {

	static final String OUTPUT_NAME = "envstream.analytics.environment-minutes";

	/** The example's own output: JSON text, one key per environment and minute. */
	static final TopicDefinition<String, String> OUTPUT = new TopicDefinition<>(OUTPUT_NAME, Serdes.String(),
			Serdes.String(), CleanupPolicy.COMPACT);

	/** What this example counts as an error line; change it to your logs' conventions. */
	static final Pattern ERROR_LINE = Pattern.compile("(?i)\\b(error|fatal|panic)\\b|exception\\b");

	/** How long after its end a minute still takes late lines (a collector catching up after a restart). */
	static final Duration GRACE = Duration.ofSeconds(30);

	private final Consumer<EnvironmentMinute> published;

	AnalyticsTopology(Consumer<EnvironmentMinute> published) {
		this.published = published;
	}

	Topology build() {
		StreamsBuilder builder = new StreamsBuilder();
		KStream<String, TimedStats> lines = builder
			.stream(Topics.LOGS.name(), Consumed.with(Topics.LOGS.keySerde(), Topics.LOGS.valueSerde()))
			.flatMapValues((batch) -> batch.getEntries()
				.stream()
				.map((entry) -> new TimedStats(entry.getTimestampNanos() / 1_000_000,
						MinuteStats.line(ERROR_LINE.matcher(entry.getMessage()).find())))
				.toList());
		builder.addStateStore(Restarts.store());
		KStream<String, TimedStats> restarts = builder
			.stream(Topics.STATUS.name(), Consumed.with(Topics.STATUS.keySerde(), Topics.STATUS.valueSerde()))
			.processValues(Restarts::new, Restarts.STORE);
		lines.merge(restarts)
			// the window is the event's own time, carried in the record's timestamp from here on
			.processValues(TimedStats.AtEventTime::new)
			.groupByKey(Grouped.with(Serdes.String(), MinuteStats.SERDE))
			.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), GRACE))
			.aggregate(() -> MinuteStats.NONE, (envId, increment, total) -> total.plus(increment),
					Materialized.with(Serdes.String(), MinuteStats.SERDE))
			.toStream()
			.map((window, stats) -> {
				EnvironmentMinute minute = new EnvironmentMinute(window.key(), Instant.ofEpochMilli(window.window().start()),
						stats);
				this.published.accept(minute);
				return KeyValue.pair(minute.key(), minute.toJson());
			})
			.to(OUTPUT.name(), Produced.with(OUTPUT.keySerde(), OUTPUT.valueSerde()));
		return builder.build();
	}

}
