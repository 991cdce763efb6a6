package io.envstream.schemas.status;

import io.envstream.schemas.avro.Status;

/**
 * What counts as a restart of an environment in {@code envstream.status}, for every reader that counts them (the
 * persister's activity, the alerts app's restart rules, downstream consumers): a {@code running} status after the
 * environment went down ({@code exited}, {@code stopped}, {@code dead} or {@code restarting}) since it last ran.
 * That counts a restart policy's restart (die, start), {@code docker restart} (die, start, restart) and a container
 * recreated for the environment (die, destroy, create, start) once each, and a status published again (a
 * collector's restart re-announces {@code running}) not at all. A reader keeps one per environment, in the order
 * of the environment's partition.
 *
 * @param down the environment went down since it last ran
 */
public record Lifecycle(boolean down) {

	/** An environment of which no status was seen yet: its first {@code running} is no restart. */
	public static final Lifecycle UNSEEN = new Lifecycle(false);

	/** The state after {@code status}. */
	public Lifecycle next(Status status) {
		return switch (status) {
			case RUNNING -> UNSEEN;
			case EXITED, STOPPED, DEAD, RESTARTING -> new Lifecycle(true);
			case CREATED, PAUSED, REMOVED -> this;
		};
	}

	/** Whether {@code status} is a restart. */
	public boolean restartedBy(Status status) {
		return this.down && status == Status.RUNNING;
	}

}
