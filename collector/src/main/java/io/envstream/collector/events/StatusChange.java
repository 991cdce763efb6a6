package io.envstream.collector.events;

import io.envstream.schemas.avro.Status;

/** Which {@link Status} an engine action leads to; actions that change none (kill, oom, exec…) map to null. */
public final class StatusChange {

	static final String HEALTH_PREFIX = "health_status:";

	private StatusChange() {
	}

	/**
	 * @param action the engine's action
	 * @param current the state before it, kept by health changes
	 * @return the new state, or {@code null} when the action is no lifecycle change
	 */
	public static Status of(String action, Status current) {
		if (action.startsWith(HEALTH_PREFIX)) {
			return (current != null) ? current : Status.RUNNING;
		}
		return switch (action) {
			case "create" -> Status.CREATED;
			case "start", "restart", "unpause" -> Status.RUNNING;
			case "pause" -> Status.PAUSED;
			case "die" -> Status.EXITED;
			case "stop" -> Status.STOPPED;
			case "destroy" -> Status.REMOVED;
			default -> null;
		};
	}

	/** The state of a container as the engine's inspect reports it ({@code State.Status}). */
	public static Status ofState(String state) {
		if (state == null) {
			return Status.CREATED;
		}
		return switch (state) {
			case "running" -> Status.RUNNING;
			case "paused" -> Status.PAUSED;
			case "restarting" -> Status.RESTARTING;
			case "exited" -> Status.EXITED;
			case "dead" -> Status.DEAD;
			case "removing" -> Status.REMOVED;
			default -> Status.CREATED;
		};
	}

}
