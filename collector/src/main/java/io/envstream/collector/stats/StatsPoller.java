package io.envstream.collector.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import io.envstream.collector.CollectorMetrics;
import io.envstream.collector.publish.Publisher;
import io.envstream.schemas.avro.ContainerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the resource usage of every running environment container: one stats stream per
 * container from the engine (a reading about every second, each with the previous one, exactly
 * what {@code docker stats} computes from), and every interval the latest reading of each
 * container goes out as {@link ContainerMetrics}.
 */
public final class StatsPoller {

	private static final Logger logger = LoggerFactory.getLogger(StatsPoller.class);

	private final DockerClient docker;

	private final Publisher publisher;

	private final String hostId;

	private final Duration interval;

	private final CollectorMetrics metrics;

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "envstream-stats");
		thread.setDaemon(true);
		return thread;
	});

	public StatsPoller(DockerClient docker, Publisher publisher, String hostId, Duration interval,
			CollectorMetrics metrics) {
		this.docker = docker;
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
		this.watches.compute(containerId, (id, existing) -> {
			if (existing != null && !existing.ended) {
				return existing;
			}
			Watch watch = new Watch(envId);
			try {
				this.docker.statsCmd(id).exec(watch);
			}
			catch (RuntimeException ex) {
				this.metrics.readError();
				logger.warn("Cannot sample the stats of {}: {}", id, ex.getMessage());
				return null;
			}
			return watch;
		});
	}

	/** Stops sampling a container that stopped or went away. */
	public void unwatch(String containerId) {
		Watch watch = this.watches.remove(containerId);
		if (watch != null) {
			watch.closeQuietly();
		}
	}

	public void stop() {
		this.scheduler.shutdownNow();
		this.watches.values().forEach(Watch::closeQuietly);
		this.watches.clear();
	}

	private void publishAll() {
		try {
			for (Map.Entry<String, Watch> entry : this.watches.entrySet()) {
				Statistics statistics = entry.getValue().take();
				if (statistics != null) {
					this.publisher.metrics(toMetrics(entry.getKey(), entry.getValue().envId, statistics));
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

	private ContainerMetrics toMetrics(String containerId, String envId, Statistics statistics) {
		StatsSample sample = StatisticsReader.read(statistics);
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

	private static final class Watch extends ResultCallback.Adapter<Statistics> {

		private final String envId;

		private volatile Statistics latest;

		private volatile boolean ended;

		Watch(String envId) {
			this.envId = envId;
		}

		@Override
		public void onNext(Statistics statistics) {
			this.latest = statistics;
		}

		@Override
		public void onError(Throwable throwable) {
			this.ended = true;
			super.onError(throwable);
		}

		@Override
		public void onComplete() {
			this.ended = true;
			super.onComplete();
		}

		/** The reading not published yet, if any. */
		Statistics take() {
			Statistics statistics = this.latest;
			this.latest = null;
			return statistics;
		}

		void closeQuietly() {
			try {
				close();
			}
			catch (IOException | RuntimeException ex) {
				// the stream is gone either way
			}
		}

	}

}
