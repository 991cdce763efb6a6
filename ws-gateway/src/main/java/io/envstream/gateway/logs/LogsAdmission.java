package io.envstream.gateway.logs;

import java.net.URI;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.ws.ConnectionAdmission.BadRequestException;
import io.envstream.schemas.cursor.InvalidCursorException;
import io.envstream.schemas.topics.Topics;
import org.springframework.stereotype.Component;

/**
 * The logs endpoint's own admission check, after the token, environment and access checks every
 * endpoint runs: the logs query (tail, since, cursor, stream), and a cursor must belong to the
 * environment's partition.
 */
@Component
class LogsAdmission {

	/**
	 * What a logs connection was admitted to.
	 * @param request the validated query
	 * @param partition the environment's partition of envstream.logs
	 */
	record Admitted(LogsRequest request, int partition) {
	}

	private final KafkaClients kafka;

	private final LogsMetrics metrics;

	private final GatewayProperties properties;

	LogsAdmission(KafkaClients kafka, LogsMetrics metrics, GatewayProperties properties) {
		this.kafka = kafka;
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * @throws BadRequestException for a query the endpoint refuses (1008)
	 * @throws Exception when Kafka cannot answer (the connection closes with 1011)
	 */
	Admitted parse(URI uri, Caller caller, String environmentId) throws Exception {
		LogsRequest request;
		try {
			request = LogsRequest.parse(uri, this.properties.defaultTail(), this.properties.maxTail());
		}
		catch (InvalidCursorException ex) {
			this.metrics.resume("invalid");
			throw new BadRequestException(ex.getMessage());
		}
		int partition = Topics.partitionOfKey(environmentId, this.kafka.partitions());
		if (request.resume() != null && request.resume().partition() != partition) {
			this.metrics.resume("invalid");
			throw new BadRequestException("cursor does not belong to this environment");
		}
		return new Admitted(request, partition);
	}

}
