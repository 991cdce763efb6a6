package io.envstream.collector.discovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import io.envstream.collector.CollectorMetrics;
import io.envstream.collector.logs.ContainerFollower;
import io.envstream.collector.logs.ContainerStates;
import io.envstream.collector.logs.FilePosition;
import io.envstream.collector.logs.LogSources;
import io.envstream.collector.logs.ReadPosition;
import io.envstream.collector.publish.Publisher;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.LogFilePosition;
import io.micrometer.core.instrument.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One follower thread per container, started from the container's checkpoint when there is one,
 * with its lag gauge; a follower ends by itself once its container is removed.
 */
final class Followers {

	private static final Logger logger = LoggerFactory.getLogger(Followers.class);

	private final LogSources sources;

	private final ContainerStates states;

	private final Publisher publisher;

	private final CollectorMetrics metrics;

	private final int maxLineBytes;

	private final Map<String, Checkpoint> checkpoints;

	private final Map<String, Followed> followed = new ConcurrentHashMap<>();

	Followers(DockerClient docker, LogSources sources, Publisher publisher, CollectorMetrics metrics, int maxLineBytes,
			Map<String, Checkpoint> checkpoints) {
		this.sources = sources;
		this.states = new ContainerStates(docker, metrics::readError);
		this.publisher = publisher;
		this.metrics = metrics;
		this.maxLineBytes = maxLineBytes;
		this.checkpoints = checkpoints;
	}

	/** The container started (again), stopped or went: its follower looks now. */
	void wake(String containerId) {
		Followed follow = this.followed.get(containerId);
		if (follow != null) {
			follow.follower().wake();
		}
	}

	/** Every follower looks now: the engine's events since the last look may be lost. */
	void wakeAll() {
		this.followed.values().forEach((follow) -> follow.follower().wake());
	}

	/**
	 * Starts following a container unless it is followed already.
	 * @param logDriver the container's log driver, which tells where its log can be read
	 */
	void follow(String containerId, String envId, boolean tty, String logDriver) {
		if (this.followed.containsKey(containerId)) {
			return;
		}
		Checkpoint checkpoint = this.checkpoints.remove(containerId);
		ReadPosition shipped = (checkpoint != null)
				? new ReadPosition(checkpoint.getLastTimestampNanos(), checkpoint.getRecordsAtTimestamp())
				: ReadPosition.START;
		LogFilePosition file = (checkpoint != null) ? checkpoint.getLogFilePosition() : null;
		FilePosition shippedFile = (file != null) ? new FilePosition(file.getFileKey(), file.getOffset()) : null;
		long seq = (checkpoint != null) ? checkpoint.getSeq() : 0L;
		ContainerFollower follower = new ContainerFollower(containerId, envId, tty, shipped, shippedFile, seq,
				this.maxLineBytes, this.sources.forContainer(containerId, logDriver), this.publisher, this.states);
		// not envstream.collector.lag: that name is the transactions' timer, and Prometheus takes one type per name
		Gauge lag = this.metrics.gauge("envstream.collector.container.lag",
				"How far the last committed line of a container is behind the last one read", "seconds",
				() -> lagSeconds(follower), "container", containerId.substring(0, Math.min(12, containerId.length())),
				"environment", envId);
		Thread thread = new Thread(() -> {
			try {
				follower.run();
			}
			finally {
				this.followed.remove(containerId);
				this.metrics.followed().decrementAndGet();
				this.metrics.remove(lag);
			}
		}, "envstream-follow-" + containerId.substring(0, Math.min(12, containerId.length())));
		thread.setDaemon(true);
		this.followed.put(containerId, new Followed(follower, thread));
		this.metrics.followed().incrementAndGet();
		logger.info("Following {} of environment {} from {} (seq {})", containerId, envId,
				(checkpoint != null) ? "its checkpoint" : "the start of its log", seq);
		thread.start();
	}

	private double lagSeconds(ContainerFollower follower) {
		long committed = this.publisher.committedNanos(follower.containerId());
		long read = follower.lastReadNanos();
		return (committed == 0 && read == 0) ? 0 : Math.max(0, read - committed) / 1e9;
	}

	/** Number of containers followed now. */
	int count() {
		return this.followed.size();
	}

	/** Stops every follower and waits briefly for them. */
	void stop() {
		for (Followed follow : this.followed.values()) {
			follow.follower().stop();
			follow.thread().interrupt();
		}
		for (Followed follow : this.followed.values()) {
			try {
				follow.thread().join(2_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private record Followed(ContainerFollower follower, Thread thread) {
	}

}
