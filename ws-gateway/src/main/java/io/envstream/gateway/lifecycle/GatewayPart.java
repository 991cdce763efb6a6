package io.envstream.gateway.lifecycle;

/**
 * A part of the gateway that {@link GatewayLifecycle} starts and stops. Its {@link Stage} says
 * when: parts stop in the order of the stages and start in the reverse order.
 */
public interface GatewayPart {

	/** The stop order; the start order is the reverse. */
	enum Stage {

		/** Every connection gets what is queued for it, then 1001; the replica's leases are released. */
		ENDPOINTS,

		/** The catch-up and replay readers stop reading (their subscriptions are closed by now). */
		CATCH_UP_READERS,

		/** The live fan-out's consumer closes. */
		LIVE_FANOUT,

		/** The status view's consumer closes. */
		STATUS_VIEW

	}

	Stage stage();

	default void start() {
	}

	void stop();

}
