package io.envstream.collector.discovery;

import java.time.Instant;
import java.util.Map;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.envstream.schemas.avro.EnvironmentDescriptor;

/** An {@link EnvironmentDescriptor} from what the engine says about the environment's container. */
final class Descriptors {

	private Descriptors() {
	}

	static EnvironmentDescriptor of(InspectContainerResponse container, String hostId, String agentUrl) {
		Map<String, String> labels = (container.getConfig() != null && container.getConfig().getLabels() != null)
				? container.getConfig().getLabels() : Map.of();
		String name = (container.getName() != null) ? container.getName() : "";
		return EnvironmentDescriptor.newBuilder()
			.setEnvId(labels.get(EnvironmentLabels.ENVIRONMENT))
			.setHostId(hostId)
			.setContainerId(container.getId())
			.setName(name.startsWith("/") ? name.substring(1) : name)
			.setImage((container.getConfig() != null && container.getConfig().getImage() != null)
					? container.getConfig().getImage() : String.valueOf(container.getImageId()))
			.setLabels(labels)
			.setOwner(labels.get(EnvironmentLabels.OWNER))
			.setTeam(labels.get(EnvironmentLabels.TEAM))
			.setAgentUrl(agentUrl)
			.setCreatedMillis(createdMillis(container.getCreated()))
			.setRemoved(false)
			.build();
	}

	/** The environment's descriptor once its container is gone: same identity, no container. */
	static EnvironmentDescriptor removed(EnvironmentDescriptor last) {
		return EnvironmentDescriptor.newBuilder(last).setContainerId(null).setRemoved(true).build();
	}

	private static long createdMillis(String created) {
		try {
			return (created != null) ? Instant.parse(created).toEpochMilli() : 0L;
		}
		catch (RuntimeException ex) {
			return 0L;
		}
	}

}
