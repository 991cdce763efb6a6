package io.envstream.collector.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.envstream.collector.CollectorMetrics;
import io.envstream.collector.publish.Publisher;
import io.envstream.schemas.avro.ContainerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the resource usage of every running environment container: every interval one reading of each from the
 * engine ({@link StatsReadings}), published as {@link ContainerMetrics} with the CPU used since the reading before
 * (the first, taken when the container is first sampled, is the base). A stream per container, as {@code docker
 * stats} reads, would cost the engine a sample a second and the collector a reading to parse, five for each published.
 */
public final class StatsPoller {

	private static final Logger logger = LoggerFactory.getLogger(StatsPoller.class);

	private final StatsReadings readings;

	private final Publisher publisher;

	private final String hostId;

	private final Duration interval;

	private final CollectorMetrics metrics;

	private final Map<String, Sampled> sampled = new ConcurrentHashMap<>();

	/** Takes every reading: one thread, so a container's readings follow one another. */
	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "envstream-stats");
		thread.setDaemon(true);
		return thread;
	});

	public StatsPoller(StatsReadings readings, Publisher publisher, String hostId, Duration interval,
			CollectorMetrics metrics) {
		this.readings = readings;
		this.publisher = publisher;
		this.hostId = hostId;
		this.interval = interval;
		this.metrics = metrics;
	}

	public void start() {
		long millis = this.interval.toMillis();
		this.scheduler.scheduleAtFixedRate(this::publishAll, millis, millis, TimeUnit.MILLISECONDS);
	}

	/** Starts sampling a running container (again); no-op while it is sampled. */
	public void watch(String containerId, String envId) {
		Sampled fresh = new Sampled(envId);
		if (this.sampled.putIfAbsent(containerId, fresh) == null) {
			try {
				// the base the first published reading's CPU is measured from
				this.scheduler.execute(() -> read(containerId, fresh));
			}
			catch (RejectedExecutionException ex) {
				// stopped: an event still on its way samples nothing
			}
		}
	}

	/** Stops sampling a container that stopped or went away. */
	public void unwatch(String containerId) {
		this.sampled.remove(containerId);
	}

	public void stop() {
		this.scheduler.shutdownNow();
		this.sampled.clear();
	}

	private void publishAll() {
		try {
			for (Map.Entry<String, Sampled> entry : this.sampled.entrySet()) {
				Sampled sampled = entry.getValue();
				StatsSample before = sampled.previous;
				StatsSample now = read(entry.getKey(), sampled);
				if (now != null && before != null) {
					this.publisher.metrics(toMetrics(entry.getKey(), sampled.envId, now.since(before)));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.warn("Publishing container metrics failed: {}", ex.getMessage(), ex);
		}
	}

	/** A reading of the container, kept as the next one's base; {@code null} when there is none. */
	private StatsSample read(String containerId, Sampled sampled) {
		StatsSample now;
		try {
			now = this.readings.read(containerId);
		}
		catch (IOException ex) {
			this.metrics.readError();
			logger.debug("Cannot read the stats of {}: {}", containerId, ex.getMessage());
			return null;
		}
		if (now == null) {
			// stopped or removed before its events told: its next start samples it again
			this.sampled.remove(containerId, sampled);
			return null;
		}
		sampled.previous = now;
		return now;
	}

	private ContainerMetrics toMetrics(String containerId, String envId, StatsSample sample) {
		return ContainerMetrics.newBuilder()
			.setEnvId(envId)
			.setContainerId(containerId)
			.setHostId(this.hostId)
			.setCpuPercent(DockerStatsMath.cpuPercent(sample))
			.setMemoryBytes(DockerStatsMath.memoryUsageWithoutCache(sample))
			.setMemoryLimitBytes(sample.memoryLimit())
			.setNetRxBytes(sample.netRx())
			.setNetTxBytes(sample.netTx())
			.setBlkReadBytes(sample.blkRead())
			.setBlkWriteBytes(sample.blkWrite())
			.setPids(sample.pids())
			.setTimestampMillis(System.currentTimeMillis())
			.build();
	}

	/** A container sampled, and its last reading: written by the one sampling thread only. */
	private static final class Sampled {

		private final String envId;

		private StatsSample previous;

		Sampled(String envId) {
			this.envId = envId;
		}

	}

}
