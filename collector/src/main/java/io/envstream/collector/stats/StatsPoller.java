package io.envstream.collector.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.envstream.collector.CollectorMetrics;
import io.envstream.schemas.avro.ContainerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the resource usage of every running environment container: every interval one reading of each from the
 * engine ({@link StatsReadings}), published as {@link ContainerMetrics} with the CPU used since the reading before
 * (the first, taken when the container is first sampled, is the base). A stream per container, as {@code docker
 * stats} reads, would cost the engine a sample a second and the collector a reading to parse, five for each published.
 * <p>
 * A tick asks for every container's reading at once. The engine answers a one-shot reading when it next samples the
 * containers asked about, once a second, so a reading takes up to a second however little it costs: taken one after
 * another, 100 containers' readings took 100 s and each container's metrics came every 100 s, not every interval.
 * Asked together, they are answered in the same round.
 */
public final class StatsPoller {

	/**
	 * Readings in flight at once: each waits up to a second for the engine's round, so a host of more running
	 * containers than this times the interval in seconds has its metrics spaced wider than the interval.
	 */
	public static final int MAX_READINGS_IN_FLIGHT = 128;

	private static final Logger logger = LoggerFactory.getLogger(StatsPoller.class);

	private final StatsReadings readings;

	private final MetricsSink sink;

	private final String hostId;

	private final Duration interval;

	private final CollectorMetrics metrics;

	private final Map<String, Sampled> sampled = new ConcurrentHashMap<>();

	/** Starts each interval's readings. */
	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "envstream-stats");
		thread.setDaemon(true);
		return thread;
	});

	/** Takes the readings, a thread each while it waits for the engine's answer; idle threads end. */
	private final ThreadPoolExecutor readers;

	public StatsPoller(StatsReadings readings, MetricsSink sink, String hostId, Duration interval,
			CollectorMetrics metrics) {
		this.readings = readings;
		this.sink = sink;
		this.hostId = hostId;
		this.interval = interval;
		this.metrics = metrics;
		AtomicInteger threads = new AtomicInteger();
		this.readers = new ThreadPoolExecutor(MAX_READINGS_IN_FLIGHT, MAX_READINGS_IN_FLIGHT, 1, TimeUnit.MINUTES,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "envstream-stats-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.readers.allowCoreThreadTimeOut(true);
	}

	public void start() {
		long millis = this.interval.toMillis();
		this.ticks.scheduleAtFixedRate(this::readAll, millis, millis, TimeUnit.MILLISECONDS);
	}

	/** Starts sampling a running container (again); no-op while it is sampled. */
	public void watch(String containerId, String envId) {
		Sampled fresh = new Sampled(envId);
		if (this.sampled.putIfAbsent(containerId, fresh) == null) {
			// the base the first published reading's CPU is measured from
			readAndPublish(containerId, fresh);
		}
	}

	/** Stops sampling a container that stopped or went away. */
	public void unwatch(String containerId) {
		this.sampled.remove(containerId);
	}

	public void stop() {
		this.ticks.shutdownNow();
		this.readers.shutdownNow();
		this.sampled.clear();
	}

	private void readAll() {
		this.sampled.forEach(this::readAndPublish);
	}

	/**
	 * Asks for a reading of the container and publishes what it used since the one before. A container whose reading
	 * before is still on its way (an engine slower than the interval) misses this one, and a reading on its way for
	 * longer than {@link StatsReadings#READING_TIMEOUT} is given up: its thread is interrupted, which ends a read on
	 * the engine's unix socket, where the connection's own timeout does not hold.
	 */
	private void readAndPublish(String containerId, Sampled sampled) {
		Future<?> before = sampled.reading;
		if (before != null && !before.isDone()) {
			if (System.nanoTime() - sampled.askedNanos > StatsReadings.READING_TIMEOUT.toNanos() && before.cancel(true)) {
				this.metrics.readError();
				logger.debug("No stats of {} within {}: given up", containerId, StatsReadings.READING_TIMEOUT);
			}
			return;
		}
		try {
			sampled.askedNanos = System.nanoTime();
			sampled.reading = this.readers.submit(() -> {
				try {
					StatsSample previous = sampled.previous;
					StatsSample now = read(containerId, sampled);
					if (now != null && previous != null) {
						this.sink.metrics(toMetrics(containerId, sampled.envId, now.since(previous)));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (RuntimeException ex) {
					logger.warn("Publishing the metrics of {} failed: {}", containerId, ex.getMessage(), ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// stopped: an event still on its way samples nothing
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

	/** Where the metrics go: the publisher, towards Kafka. */
	@FunctionalInterface
	public interface MetricsSink {

		void metrics(ContainerMetrics metrics) throws InterruptedException;

	}

	/**
	 * A container sampled, and its last reading: one reading of it at a time ({@link #reading}), so its readings
	 * follow one another. Its reading is asked for by the sampling thread, or by the event that starts its sampling
	 * before any tick knows it.
	 */
	private static final class Sampled {

		private final String envId;

		private volatile Future<?> reading;

		private volatile long askedNanos;

		private volatile StatsSample previous;

		Sampled(String envId) {
			this.envId = envId;
		}

	}

}
