package io.envstream.alerts.topology;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.alerts.rules.LifecycleEvent;
import io.envstream.alerts.rules.RuleSource;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.status.Lifecycle;
import org.apache.kafka.streams.processor.api.Record;

/**
 * LIFECYCLE rules. An exit with a non-zero code and a turn to unhealthy fire once each time they happen (the same
 * state seen again, e.g. a status re-published on a collector's restart, does not fire again); restarts, as
 * {@link Lifecycle} defines them for every reader of envstream.status, are counted per window like log lines. Each
 * environment's lifecycle is followed whether or not a rule selects it yet, so a rule added later counts from the
 * first restart after it.
 */
final class LifecycleRules extends RuleProcessor<EnvironmentStatus> {

	static final String STORE = "alerts-lifecycle";

	LifecycleRules(RuleSource rules) {
		super(rules, AlertKind.LIFECYCLE, STORE);
	}

	@Override
	public void process(Record<String, EnvironmentStatus> record) {
		EnvironmentStatus status = record.value();
		if (status == null) {
			return;
		}
		String envId = status.getEnvId();
		boolean restarted = followLifecycle(envId, status.getStatus());
		for (AlertRule rule : this.selected.rules(envId)) {
			if (rule.event() == LifecycleEvent.RESTARTING) {
				if (restarted) {
					countRestart(rule, status);
				}
			}
			else {
				fireOnTurn(rule, status);
			}
		}
	}

	/** @return whether {@code status} restarted the environment */
	private boolean followLifecycle(String envId, Status status) {
		Lifecycle before = this.state.lifecycle(envId);
		Lifecycle after = before.next(status);
		if (!after.equals(before)) {
			this.state.putLifecycle(envId, after);
		}
		return before.restartedBy(status);
	}

	private void countRestart(AlertRule rule, EnvironmentStatus status) {
		Window window = this.state.count(rule, status.getEnvId(), status.getTimestampMillis());
		if (window != null && !window.fired() && window.count() >= rule.atLeast()) {
			this.state.put(rule, status.getEnvId(), window.firing());
			Firing.forward(this.context, rule, status.getEnvId(), "restarted " + window.count() + " times within "
					+ rule.window().toSeconds() + " s", window.count(), rule.atLeast(), window.start(),
					status.getTimestampMillis());
		}
	}

	/** The state stored is the start of the current occurrence, so a repeat of it is recognised and ignored. */
	private void fireOnTurn(AlertRule rule, EnvironmentStatus status) {
		String envId = status.getEnvId();
		if (!holds(rule.event(), status)) {
			this.state.clear(rule, envId);
			return;
		}
		if (this.state.get(rule, envId) != null) {
			return;
		}
		long at = status.getTimestampMillis();
		this.state.put(rule, envId, new Window(at, 1, true));
		if (rule.event() == LifecycleEvent.EXITED_NON_ZERO) {
			Firing.forward(this.context, rule, envId, "exited with code " + status.getExitCode() + " ("
					+ status.getContainerId() + ")", status.getExitCode(), 0, at, at);
		}
		else {
			Firing.forward(this.context, rule, envId, "health check unhealthy (" + status.getContainerId() + ")", 1,
					1, at, at);
		}
	}

	private static boolean holds(LifecycleEvent event, EnvironmentStatus status) {
		if (event == LifecycleEvent.UNHEALTHY) {
			return "unhealthy".equals(status.getHealth());
		}
		boolean ended = status.getStatus() == Status.EXITED || status.getStatus() == Status.DEAD;
		return ended && status.getExitCode() != null && status.getExitCode() != 0;
	}

}
