package io.envstream.gateway.logs;

import java.net.URI;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.ws.ConnectionAdmission;
import io.envstream.gateway.ws.ConnectionAdmission.BadRequestException;
import io.envstream.schemas.cursor.InvalidCursorException;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The checks of a new logs connection: {@link ConnectionAdmission}'s, with the logs query (tail,
 * since, cursor, stream) as the endpoint's own check. A cursor must belong to the environment's
 * partition.
 */
@Component
class LogsAdmission {

	/**
	 * The outcome: {@code refusal} to close with, or everything the stream needs.
	 * @param refusal the close for a failed check, or {@code null}
	 * @param admitted who connected to what, with the validated query and the connection's lease
	 * @param partition the environment's partition of envstream.logs
	 */
	record Decision(CloseStatus refusal, ConnectionAdmission.Decision<LogsRequest> admitted, int partition) {

		LogsRequest request() {
			return this.admitted.request();
		}

		/** The connection's lease, to release when it closes. */
		Lease lease() {
			return this.admitted.lease();
		}

	}

	private final ConnectionAdmission admission;

	private final KafkaClients kafka;

	private final LogsMetrics metrics;

	private final GatewayProperties properties;

	LogsAdmission(ConnectionAdmission admission, KafkaClients kafka, LogsMetrics metrics,
			GatewayProperties properties) {
		this.admission = admission;
		this.kafka = kafka;
		this.metrics = metrics;
		this.properties = properties;
	}

	/** @throws Exception when PostgreSQL or Kafka cannot answer (the caller closes with 1011) */
	Decision check(WebSocketSession session) throws Exception {
		ConnectionAdmission.Decision<LogsRequest> decision = this.admission.check(session, LogsService.ENDPOINT, this::parse);
		if (decision.refusal() != null) {
			return new Decision(decision.refusal(), null, -1);
		}
		return new Decision(null, decision, partitionOf(decision.environmentId()));
	}

	private LogsRequest parse(URI uri, Caller caller, String environmentId) throws Exception {
		LogsRequest request;
		try {
			request = LogsRequest.parse(uri, this.properties.defaultTail(), this.properties.maxTail());
		}
		catch (InvalidCursorException ex) {
			this.metrics.resume("invalid");
			throw new BadRequestException(ex.getMessage());
		}
		if (request.resume() != null && request.resume().partition() != partitionOf(environmentId)) {
			this.metrics.resume("invalid");
			throw new BadRequestException("cursor does not belong to this environment");
		}
		return request;
	}

	private int partitionOf(String environmentId) throws Exception {
		return Positions.partitionOf(environmentId, this.kafka.partitions());
	}

}
