package io.envstream.alerts.rules;

import java.time.Duration;
import java.util.Map;

import io.envstream.schemas.avro.AlertKind;

/**
 * One alert rule, validated: which environments it watches (one id, or every environment whose descriptor
 * carries all of {@code labels}) and what makes it fire. Fields that the kind does not use are null.
 * @param id the rule's id
 * @param name for people, and in every alert
 * @param envId the one environment watched, or null to select by labels
 * @param labels the labels an environment must all carry, when {@code envId} is null
 * @param kind what is watched
 * @param pattern LOG_PATTERN: the lines counted
 * @param metric METRIC_THRESHOLD: the metric compared
 * @param above METRIC_THRESHOLD: the threshold
 * @param forDuration METRIC_THRESHOLD: how long the metric must stay above it
 * @param event LIFECYCLE: the event
 * @param atLeast LOG_PATTERN and LIFECYCLE RESTARTING: how many within the window
 * @param window LOG_PATTERN and LIFECYCLE RESTARTING: the tumbling window (aligned to the epoch)
 */
public record AlertRule(long id, String name, String envId, Map<String, String> labels, AlertKind kind,
		LogPattern pattern, Metric metric, Double above, Duration forDuration, LifecycleEvent event, Integer atLeast,
		Duration window) {

	public AlertRule {
		labels = Map.copyOf(labels);
	}

	/** Whether the rule watches this environment, given the labels of its descriptor (empty when unknown). */
	public boolean selects(String environment, Map<String, String> environmentLabels) {
		if (this.envId != null) {
			return this.envId.equals(environment);
		}
		return !this.labels.isEmpty() && environmentLabels.entrySet().containsAll(this.labels.entrySet());
	}

}
