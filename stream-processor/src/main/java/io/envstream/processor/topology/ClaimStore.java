package io.envstream.processor.topology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.envstream.schemas.avro.EnvironmentClaim;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The claims a task knows: one {@link EnvironmentClaim} per environment id, and the containers whose descriptor
 * was refused (key {@code envId/containerId}), whose lines are refused too although they come from the claimed
 * host. Both stores are changelogged, so the claims survive restarts and rebalances. Every line reads its
 * environment's claim, so the claims read are also kept decoded in memory, and so is which environments have a
 * refused container at all: {@link ClaimGuard}, the only writer, keeps both in step with the stores.
 */
final class ClaimStore {

	private final KeyValueStore<String, EnvironmentClaim> claims;

	private final KeyValueStore<String, String> refusedContainers;

	private final Map<String, EnvironmentClaim> decoded = new HashMap<>();

	private final Set<String> withRefusedContainers = new HashSet<>();

	ClaimStore(ProcessorContext<?, ?> context) {
		this.claims = context.getStateStore(LogTopology.CLAIMS_STORE);
		this.refusedContainers = context.getStateStore(LogTopology.REFUSED_CONTAINERS_STORE);
		try (KeyValueIterator<String, String> refused = this.refusedContainers.all()) {
			refused.forEachRemaining((container) -> this.withRefusedContainers.add(environmentOf(container.key)));
		}
	}

	EnvironmentClaim claim(String environmentId) {
		EnvironmentClaim claim = this.decoded.get(environmentId);
		if (claim == null) {
			claim = this.claims.get(environmentId);
			if (claim != null) {
				this.decoded.put(environmentId, claim);
			}
		}
		return claim;
	}

	void keep(EnvironmentClaim claim) {
		this.claims.put(claim.getEnvId(), claim);
		this.decoded.put(claim.getEnvId(), claim);
	}

	boolean refused(String environmentId, String containerId) {
		return this.withRefusedContainers.contains(environmentId)
				&& this.refusedContainers.get(key(environmentId, containerId)) != null;
	}

	void refuse(String environmentId, String containerId, String reason) {
		this.refusedContainers.put(key(environmentId, containerId), reason);
		this.withRefusedContainers.add(environmentId);
	}

	/** After a move, the new claim decides again about every container of the environment. */
	void forgetRefusedContainers(String environmentId) {
		try (KeyValueIterator<String, String> refused = this.refusedContainers
			.prefixScan(environmentId + "/", Serdes.String().serializer())) {
			refused.forEachRemaining((container) -> this.refusedContainers.delete(container.key));
		}
		this.withRefusedContainers.remove(environmentId);
	}

	private static String key(String environmentId, String containerId) {
		return environmentId + "/" + containerId;
	}

	private static String environmentOf(String key) {
		return key.substring(0, key.lastIndexOf('/'));
	}

}
