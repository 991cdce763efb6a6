package io.envstream.processor.topology;

import io.envstream.schemas.avro.EnvironmentClaim;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The claims a task knows: one {@link EnvironmentClaim} per environment id, and the containers whose descriptor
 * was refused (key {@code envId/containerId}), whose lines are refused too although they come from the claimed
 * host. Both stores are changelogged, so the claims survive restarts and rebalances.
 */
final class ClaimStore {

	private final KeyValueStore<String, EnvironmentClaim> claims;

	private final KeyValueStore<String, String> refusedContainers;

	ClaimStore(ProcessorContext<?, ?> context) {
		this.claims = context.getStateStore(LogTopology.CLAIMS_STORE);
		this.refusedContainers = context.getStateStore(LogTopology.REFUSED_CONTAINERS_STORE);
	}

	EnvironmentClaim claim(String environmentId) {
		return this.claims.get(environmentId);
	}

	void keep(EnvironmentClaim claim) {
		this.claims.put(claim.getEnvId(), claim);
	}

	boolean refused(String environmentId, String containerId) {
		return this.refusedContainers.get(key(environmentId, containerId)) != null;
	}

	void refuse(String environmentId, String containerId, String reason) {
		this.refusedContainers.put(key(environmentId, containerId), reason);
	}

	/** After a move, the new claim decides again about every container of the environment. */
	void forgetRefusedContainers(String environmentId) {
		try (KeyValueIterator<String, String> refused = this.refusedContainers
			.prefixScan(environmentId + "/", Serdes.String().serializer())) {
			refused.forEachRemaining((container) -> this.refusedContainers.delete(container.key));
		}
	}

	private static String key(String environmentId, String containerId) {
		return environmentId + "/" + containerId;
	}

}
