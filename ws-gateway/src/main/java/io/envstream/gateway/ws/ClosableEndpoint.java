package io.envstream.gateway.ws;

import org.springframework.web.socket.CloseStatus;

/**
 * An endpoint whose connections {@link EndpointsShutdown} closes when the gateway stops: first
 * after what is queued for each, then, past a deadline, at once.
 */
interface ClosableEndpoint {

	/** Asks every open connection to close with {@code status} once what is queued for it is sent. */
	void closeAfterQueued(CloseStatus status);

	/** Connections still open. */
	int openConnections();

	/** Closes the connections still open at once. */
	void closeNow(CloseStatus status);

}
