package io.envstream.gateway.logs;

import java.net.URI;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.limits.ConnectionLimits.Admission;
import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.schemas.cursor.InvalidCursorException;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The checks of a new logs connection, in PROTOCOL.md's order: token (4401), environment (4404),
 * access (4403), then the query (1008: after access so it tells a stranger nothing, before the
 * limits so a bad request takes no connect token), then the cluster-wide limits (4429).
 */
@Component
class LogsAdmission {

	/**
	 * The outcome: {@code refusal} to close with, or everything the stream needs.
	 * @param refusal the close for a failed check, or {@code null}
	 * @param request the validated query
	 * @param partition the environment's partition of envstream.logs
	 * @param lease the connection's lease, to release when it closes
	 */
	record Decision(CloseStatus refusal, LogsRequest request, int partition, Lease lease) {

		static Decision refuse(int code, String reason) {
			return new Decision(new CloseStatus(code, reason), null, -1, null);
		}

	}

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	private final ConnectionLimits limits;

	private final KafkaClients kafka;

	private final LogsMetrics metrics;

	private final GatewayProperties properties;

	LogsAdmission(TokenVerifier tokens, EnvironmentAccess access, ConnectionLimits limits, KafkaClients kafka,
			LogsMetrics metrics, GatewayProperties properties) {
		this.tokens = tokens;
		this.access = access;
		this.limits = limits;
		this.kafka = kafka;
		this.metrics = metrics;
		this.properties = properties;
	}

	/** @throws Exception when PostgreSQL or Kafka cannot answer (the caller closes with 1011) */
	Decision check(String token, String environmentId, URI uri) throws Exception {
		Caller caller = this.tokens.verify(token).orElse(null);
		if (caller == null) {
			return Decision.refuse(4401, "invalid or missing token");
		}
		switch (this.access.check(environmentId, caller)) {
			case UNKNOWN -> {
				return Decision.refuse(4404, "environment not found");
			}
			case FORBIDDEN -> {
				return Decision.refuse(4403, "access to this environment denied");
			}
			case ALLOWED -> {
			}
		}
		LogsRequest request;
		try {
			request = LogsRequest.parse(uri, this.properties.defaultTail(), this.properties.maxTail());
		}
		catch (InvalidCursorException ex) {
			this.metrics.resume("invalid");
			return Decision.refuse(1008, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return Decision.refuse(1008, ex.getMessage());
		}
		int partition = Positions.partitionOf(environmentId, this.kafka.partitions());
		if (request.resume() != null && request.resume().partition() != partition) {
			this.metrics.resume("invalid");
			return Decision.refuse(1008, "cursor does not belong to this environment");
		}
		Admission admission = this.limits.acquire(caller.user(), environmentId, "logs");
		if (!admission.admitted()) {
			return Decision.refuse(4429, admission.refusal());
		}
		return new Decision(null, request, partition, admission.lease());
	}

}
