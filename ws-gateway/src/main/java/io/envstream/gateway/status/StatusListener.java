package io.envstream.gateway.status;

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
	 * A resource sample as it arrives, and the latest one on subscription while the environment runs.
	 * @param metrics the sample
	 * @param change whether it has just arrived
	 */
	void metrics(ContainerMetrics metrics, boolean change);

	/**
	 * An alert as it arrives; alerts are events, none is kept for later listeners.
	 * @param alert the firing
	 */
	void alert(Alert alert);

}
