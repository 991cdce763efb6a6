package io.envstream.gateway.status;

import java.util.List;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;

/**
 * Receives an environment's state, samples and alerts from {@link StatusView}, on the view's thread:
 * implementations must not block (they queue and return).
 */
interface StatusListener {

	/**
	 * The current state on subscription, then every change.
	 * @param status the state
	 * @param change whether it has just arrived (else it is the state held when the listener came)
	 */
	void status(EnvironmentStatus status, boolean change);

	/**
	 * A resource sample as it arrives.
	 * @param metrics the sample
	 */
	void metrics(ContainerMetrics metrics);

	/**
	 * On subscription, the environment's samples of the last few minutes.
	 * @param samples oldest first, never empty
	 */
	void recentMetrics(List<ContainerMetrics> samples);

	/**
	 * An alert as it arrives; alerts are events, none is kept for later listeners.
	 * @param alert the firing
	 */
	void alert(Alert alert);

}
