package io.envstream.alerts.rules;

/**
 * The lifecycle events of {@code envstream.status} a rule can watch. An OOM kill is not among them: the
 * collector does not put it on the status record (Docker's {@code oom} action changes no state), so it shows
 * only as {@link #EXITED_NON_ZERO} with the exit code (137 for a kill).
 */
public enum LifecycleEvent {

	/** The container exited (or died) with a code other than 0; fires once per exit. */
	EXITED_NON_ZERO,

	/** The health check turned unhealthy; fires once each time it turns. */
	UNHEALTHY,

	/**
	 * The environment restarted at least {@code atLeast} times within {@code window}: came back to running after
	 * going down (exited, stopped, dead or restarting), as {@link io.envstream.schemas.status.Lifecycle} counts
	 * restarts for the persister's activity too; a restart policy's restart, {@code docker restart} and a recreated
	 * container count once each.
	 */
	RESTARTING

}
