package io.envstream.collector.logs;

import java.util.function.Function;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;

/** Asks the engine whether a container runs, exists stopped, or is gone. */
public final class ContainerStates implements Function<String, ContainerState> {

	private final DockerClient docker;

	private final Runnable readError;

	/** @param readError told when the engine could not answer */
	public ContainerStates(DockerClient docker, Runnable readError) {
		this.docker = docker;
		this.readError = readError;
	}

	@Override
	public ContainerState apply(String containerId) {
		try {
			InspectContainerResponse.ContainerState state = this.docker.inspectContainerCmd(containerId).exec().getState();
			boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
			return running ? ContainerState.RUNNING : ContainerState.STOPPED;
		}
		catch (NotFoundException ex) {
			return ContainerState.GONE;
		}
		catch (RuntimeException ex) {
			this.readError.run();
			return ContainerState.UNKNOWN;
		}
	}

}
