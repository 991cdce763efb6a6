package io.envstream.analytics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest minute of each environment as Prometheus gauges: {@code envstream_analytics_lines},
 * {@code envstream_analytics_error_lines}, {@code envstream_analytics_error_rate} and
 * {@code envstream_analytics_restarts}, tagged {@code env}. "Latest" is the most recent minute seen for it, which
 * is still filling while it is the current one.
 */
final class EnvironmentGauges {

	private final MeterRegistry registry;

	private final Map<String, EnvironmentMinute> latest = new ConcurrentHashMap<>();

	EnvironmentGauges(MeterRegistry registry) {
		this.registry = registry;
	}

	void update(EnvironmentMinute minute) {
		EnvironmentMinute previous = this.latest.get(minute.envId());
		if (previous != null && previous.minute().isAfter(minute.minute())) {
			return;
		}
		if (this.latest.put(minute.envId(), minute) == null) {
			register(minute.envId());
		}
	}

	private void register(String envId) {
		gauge("envstream.analytics.lines", "Lines logged in the environment's latest minute", envId,
				(stats) -> stats.lines());
		gauge("envstream.analytics.error.lines", "Error-looking lines in the latest minute", envId,
				(stats) -> stats.errorLines());
		gauge("envstream.analytics.error.rate", "Error-looking lines per line in the latest minute", envId,
				MinuteStats::errorRate);
		gauge("envstream.analytics.restarts", "Restarts in the latest minute", envId, (stats) -> stats.restarts());
	}

	private void gauge(String name, String description, String envId,
			ToDoubleFunction<MinuteStats> value) {
		Gauge.builder(name, this.latest, (latest) -> value.applyAsDouble(latest.get(envId).stats()))
			.description(description)
			.tag("env", envId)
			.register(this.registry);
	}

}
