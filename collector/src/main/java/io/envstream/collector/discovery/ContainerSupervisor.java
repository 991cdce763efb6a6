package io.envstream.collector.discovery;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import io.envstream.collector.CollectorMetrics;
import io.envstream.collector.EngineQuestions;
import io.envstream.collector.events.ContainerEvent;
import io.envstream.collector.events.StatusChange;
import io.envstream.collector.logs.LogSources;
import io.envstream.collector.publish.Publisher;
import io.envstream.collector.stats.StatsPoller;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the environment containers of this host and keeps one log follower per container and a
 * stats sampler per running one. Turns the engine's events into {@link EnvironmentStatus} records
 * (in the engine's order) and {@link EnvironmentDescriptor} records. An environment is backed by
 * its most recently created container: states of an older one (being replaced) are not published.
 * An environment whose container went while nobody watched (no collector ran, or the engine was away)
 * is said to be removed at the next {@link #reconcile()}, so that no list shows it running for good.
 */
public final class ContainerSupervisor {

	private static final Logger logger = LoggerFactory.getLogger(ContainerSupervisor.class);

	private final DockerClient docker;

	/** Where this supervisor's listings and inspects run, each within {@link EngineQuestions#ANSWER_TIMEOUT}. */
	private final EngineQuestions questions = new EngineQuestions(EngineQuestions.ANSWER_TIMEOUT);

	private final Settings settings;

	private final Publisher publisher;

	private final StatsPoller stats;

	private final CollectorMetrics metrics;

	private final Map<String, Checkpoint> checkpoints;

	private final Followers followers;

	private final Map<String, String> envOfContainer = new HashMap<>();

	private final Map<String, Backing> backingOfEnv = new HashMap<>();

	private final Map<String, Status> lastStatus = new HashMap<>();

	private final Map<String, Integer> lastExitCode = new HashMap<>();

	private final Map<String, String> lastHealth = new HashMap<>();

	/** Containers the engine did not describe when asked: asked again at their next event or listing. */
	private final Set<String> unanswered = new HashSet<>();

	private boolean stopped;

	/**
	 * @param hostId this host
	 * @param agentUrl the terminal agent's URL for descriptors, or null
	 * @param maxLineBytes longest line kept whole
	 * @param selector the environment containers this collector follows
	 */
	public record Settings(String hostId, String agentUrl, int maxLineBytes, LabelSelector selector) {
	}

	/**
	 * @param checkpoints this host's committed checkpoints, by container id
	 * @param announced the environments this host's earlier collectors announced and did not say were removed
	 */
	public ContainerSupervisor(DockerClient docker, Settings settings, LogSources sources, Publisher publisher,
			StatsPoller stats, CollectorMetrics metrics, Map<String, Checkpoint> checkpoints,
			Map<String, EnvironmentDescriptor> announced) {
		this.docker = docker;
		this.settings = settings;
		this.publisher = publisher;
		this.stats = stats;
		this.metrics = metrics;
		this.checkpoints = new ConcurrentHashMap<>(checkpoints);
		this.followers = new Followers(docker, sources, publisher, metrics, settings.maxLineBytes(), this.checkpoints);
		announced.forEach((envId, descriptor) -> this.backingOfEnv.put(envId, new Backing(descriptor.getContainerId(), descriptor)));
	}

	/**
	 * Lists every environment container (at start-up and after each reconnection) and follows it; every follower looks
	 * at its container again.
	 */
	public synchronized void reconcile() {
		if (this.stopped) {
			return;
		}
		List<Container> containers = this.questions.ask("the listing of the environment containers",
				() -> this.docker.listContainersCmd()
					.withShowAll(true)
					.withLabelFilter(this.settings.selector().engineFilters())
					.exec());
		containers.stream()
			.sorted(Comparator.comparing(Container::getCreated))
			.forEach((container) -> inspectAndTrack(container.getId(), true));
		// checkpoints of containers removed while no collector ran: nothing left to resume
		Set<String> present = new HashSet<>();
		containers.forEach((container) -> present.add(container.getId()));
		for (String containerId : List.copyOf(this.checkpoints.keySet())) {
			if (!present.contains(containerId)) {
				this.checkpoints.remove(containerId);
				try {
					logger.warn("{} was removed while no collector followed it; lines after its checkpoint may be "
							+ "missing", containerId);
					this.publisher.containerGone(containerId, false);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		removeEnvironmentsWhoseContainerWent(present);
		// starts and removals while the engine's events were away were seen by nobody
		this.followers.wakeAll();
		logger.info("Following {} environment container(s)", this.followers.count());
	}

	/** Environments backed by a container that is no longer there, and whose destroy event nobody saw. */
	private void removeEnvironmentsWhoseContainerWent(Set<String> listed) {
		for (Map.Entry<String, Backing> entry : List.copyOf(this.backingOfEnv.entrySet())) {
			String containerId = entry.getValue().containerId();
			if (listed.contains(containerId) || exists(containerId)) {
				continue;
			}
			logger.info("Environment {} lost its container {} while no collector watched: removed", entry.getKey(), containerId);
			publishStatus(entry.getKey(), containerId, Status.REMOVED, null, null, System.currentTimeMillis());
			publishDescriptor(Descriptors.removed(entry.getValue().descriptor()));
			this.backingOfEnv.remove(entry.getKey());
			this.lastStatus.remove(containerId);
		}
	}

	/** Whether the container is there, listed or not (the listing holds only those the selector matches). */
	private boolean exists(String containerId) {
		try {
			this.questions.ask("the inspect of " + containerId, () -> this.docker.inspectContainerCmd(containerId).exec());
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/** One engine event, in the engine's order. */
	public synchronized void onEvent(ContainerEvent event) {
		if (this.stopped) {
			return;
		}
		String id = event.containerId();
		String action = event.action();
		Status status = StatusChange.of(action, this.lastStatus.get(id));
		boolean askAgain = this.unanswered.contains(id);
		if (status == null && !askAgain) {
			return;
		}
		if (askAgain || action.equals("create") || action.equals("start") || action.equals("restart")) {
			if (!inspectAndTrack(id, action.equals("create"))) {
				return;
			}
			this.followers.wake(id);
		}
		if (status == null) {
			return;
		}
		String envId = this.envOfContainer.computeIfAbsent(id,
				(key) -> event.attributes().get(EnvironmentLabels.ENVIRONMENT));
		if (envId == null) {
			return;
		}
		switch (action) {
			case "start", "restart", "unpause" -> this.stats.watch(id, envId);
			case "die" -> {
				this.lastExitCode.put(id, event.exitCode());
				this.stats.unwatch(id);
				// a quiet log's reader would ask whether it still runs up to a minute later
				this.followers.wake(id);
			}
			case "destroy" -> {
				this.stats.unwatch(id);
				// its follower lets go now: a stopped or quiet container's waits up to a minute between looks
				this.followers.wake(id);
			}
			default -> {
			}
		}
		String health = event.health();
		if (health != null) {
			this.lastHealth.put(id, health);
		}
		Integer exitCode = (status == Status.EXITED || status == Status.STOPPED || status == Status.REMOVED)
				? this.lastExitCode.get(id) : null;
		Backing backing = this.backingOfEnv.get(envId);
		boolean backs = backing != null && backing.containerId().equals(id);
		if (backs) {
			publishStatus(envId, id, status, exitCode, this.lastHealth.get(id), event.timeNanos() / 1_000_000L);
		}
		// else: an older container of the environment, being replaced; its state is not the environment's
		if (status == Status.REMOVED) {
			if (backs) {
				publishDescriptor(Descriptors.removed(backing.descriptor()));
				this.backingOfEnv.remove(envId);
			}
			this.lastStatus.remove(id);
			this.lastExitCode.remove(id);
			this.lastHealth.remove(id);
			this.envOfContainer.remove(id);
		}
	}

	private static String logDriverOf(InspectContainerResponse container) {
		HostConfig host = container.getHostConfig();
		LogConfig log = (host != null) ? host.getLogConfig() : null;
		return (log != null && log.getType() != null) ? log.getType().getType() : null;
	}

	/**
	 * Follows the container as the engine describes it; whether it could. A container the engine does not answer for
	 * in time (its runtime shim hangs, and the engine waits for it holding the container) holds up no other: it is
	 * asked again at its next event or listing.
	 */
	private boolean inspectAndTrack(String id, boolean announce) {
		InspectContainerResponse inspected;
		try {
			inspected = this.questions.ask("the inspect of " + id, () -> this.docker.inspectContainerCmd(id).exec());
		}
		catch (NotFoundException ex) {
			// removed meanwhile: its destroy event follows
			this.unanswered.remove(id);
			return false;
		}
		catch (RuntimeException ex) {
			this.unanswered.add(id);
			this.metrics.readError();
			logger.warn("The engine did not describe container {} ({}); asking again at its next event or listing", id,
					ex.getMessage());
			return false;
		}
		this.unanswered.remove(id);
		track(inspected, announce);
		return true;
	}

	private void track(InspectContainerResponse container, boolean announce) {
		Map<String, String> labels = (container.getConfig() != null) ? container.getConfig().getLabels() : null;
		// the engine filters listings and events alike; this also holds for a container inspected by id
		if (!this.settings.selector().matches(labels)) {
			return;
		}
		String envId = labels.get(EnvironmentLabels.ENVIRONMENT);
		String id = container.getId();
		this.envOfContainer.put(id, envId);
		EnvironmentDescriptor descriptor = Descriptors.of(container, this.settings.hostId(), this.settings.agentUrl());
		Backing backing = this.backingOfEnv.get(envId);
		boolean newer = backing == null || backing.containerId().equals(id)
				|| descriptor.getCreatedMillis() >= backing.descriptor().getCreatedMillis();
		if (newer) {
			this.backingOfEnv.put(envId, new Backing(id, descriptor));
		}
		this.followers.follow(id, envId, container.getConfig() != null && Boolean.TRUE.equals(container.getConfig().getTty()),
				logDriverOf(container));
		boolean running = container.getState() != null && Boolean.TRUE.equals(container.getState().getRunning());
		if (running) {
			this.stats.watch(id, envId);
		}
		if (announce && newer) {
			publishDescriptor(descriptor);
			Status status = StatusChange.ofState((container.getState() != null) ? container.getState().getStatus() : null);
			Integer exitCode = (status == Status.EXITED || status == Status.DEAD)
					? container.getState().getExitCodeLong().intValue() : null;
			String health = (container.getState() != null && container.getState().getHealth() != null)
					? container.getState().getHealth().getStatus() : null;
			if (exitCode != null) {
				this.lastExitCode.put(id, exitCode);
			}
			publishStatus(envId, id, status, exitCode, health, System.currentTimeMillis());
		}
	}

	private void publishStatus(String envId, String containerId, Status status, Integer exitCode, String health,
			long timestampMillis) {
		this.lastStatus.put(containerId, status);
		try {
			this.publisher.status(EnvironmentStatus.newBuilder()
				.setEnvId(envId)
				.setStatus(status)
				.setExitCode(exitCode)
				.setHealth(health)
				.setContainerId(containerId)
				.setHostId(this.settings.hostId())
				.setTimestampMillis(timestampMillis)
				.build());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void publishDescriptor(EnvironmentDescriptor descriptor) {
		try {
			this.publisher.descriptor(descriptor);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Number of containers followed now. */
	public int followedCount() {
		return this.followers.count();
	}

	/** Stops every follower and waits briefly for them. */
	public void stop() {
		synchronized (this) {
			this.stopped = true;
		}
		this.followers.stop();
		this.questions.close();
	}

	private record Backing(String containerId, EnvironmentDescriptor descriptor) {
	}

}
