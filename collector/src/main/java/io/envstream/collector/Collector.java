package io.envstream.collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.dockerjava.api.DockerClient;
import io.envstream.collector.discovery.ContainerSupervisor;
import io.envstream.collector.discovery.LabelSelector;
import io.envstream.collector.events.EngineEventWatcher;
import io.envstream.collector.logs.LogSources;
import io.envstream.collector.logs.TakeSchedule;
import io.envstream.collector.publish.CommittedHostState;
import io.envstream.collector.publish.LineLimit;
import io.envstream.collector.publish.Publisher;
import io.envstream.collector.stats.StatsPoller;
import io.envstream.collector.stats.StatsReadings;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The collector's start-up order: topics, the transactional producer (fencing a predecessor
 * with the same host id), this host's checkpoints and announced environments, then the engine's events
 * and containers.
 * Stopping writes what is buffered and stops; {@link #halt()} stops like a crash.
 */
class Collector implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Collector.class);

	private final CollectorProperties properties;

	private final DockerClient docker;

	private final LogSources sources;

	private final TakeSchedule takes;

	private final Map<String, Object> producerProperties;

	private final Map<String, Object> consumerProperties;

	private final Map<String, Object> adminProperties;

	private final CollectorMetrics metrics;

	private final String hostId;

	private final Supplier<String> agentUrl;

	private final StatsReadings statsReadings;

	private volatile boolean running;

	private Publisher publisher;

	private StatsPoller stats;

	private ContainerSupervisor supervisor;

	private EngineEventWatcher watcher;

	/** @param agentUrl the terminal agent's URL for descriptors (or null), asked for at start */
	Collector(CollectorProperties properties, DockerClient docker, StatsReadings statsReadings, LogSources sources,
			String hostId, Supplier<String> agentUrl, Map<String, Object> producerProperties, Map<String, Object> consumerProperties,
			Map<String, Object> adminProperties, TakeSchedule takes, CollectorMetrics metrics) {
		this.takes = takes;
		this.properties = properties;
		this.docker = docker;
		this.statsReadings = statsReadings;
		this.sources = sources;
		this.hostId = hostId;
		this.agentUrl = agentUrl;
		this.producerProperties = producerProperties;
		this.consumerProperties = consumerProperties;
		this.adminProperties = adminProperties;
		this.metrics = metrics;
	}

	@Override
	public synchronized void start() {
		String agentUrl = this.agentUrl.get();
		logger.info("Collector of host {} starting (terminal agent {}): {}", this.hostId,
				(agentUrl != null) ? agentUrl : "none", this.properties);
		LineLimit limit;
		try (Admin admin = Admin.create(this.adminProperties)) {
			new TopicProvisioner(admin, this.properties.kafka().partitions(), this.properties.kafka().replicationFactor())
				.provision(List.of(Topics.LOGS_RAW, Topics.STATUS, Topics.METRICS, Topics.ENVIRONMENTS,
						Topics.CHECKPOINTS, Topics.TERMINAL_SESSIONS));
			limit = LineLimit.of(admin,
					(int) Math.min(Integer.MAX_VALUE - 64, this.properties.maxLineBytes().toBytes()));
		}
		this.publisher = new Publisher(this.producerProperties, this.hostId, limit,
				(int) this.properties.bufferSize().toBytes(), this.properties.transactionInterval(), this.takes,
				this.metrics);
		this.publisher.start();
		CommittedHostState committed = new CommittedHostState(this.consumerProperties);
		Map<String, Checkpoint> checkpoints = committed.checkpoints(this.hostId);
		Map<String, EnvironmentDescriptor> announced = committed.environments(this.hostId);
		this.stats = new StatsPoller(this.statsReadings, this.publisher::metrics, this.hostId, this.properties.statsInterval(),
				this.metrics);
		this.supervisor = new ContainerSupervisor(this.docker,
				new ContainerSupervisor.Settings(this.hostId, agentUrl, limit.maxLineBytes(),
						this.properties.selector()),
				this.sources, this.publisher, this.stats, this.metrics, checkpoints, announced);
		this.watcher = new EngineEventWatcher(this.docker, this.properties.selector().engineFilters(), this.supervisor::onEvent,
				this.supervisor::reconcile, this.metrics);
		this.stats.start();
		this.watcher.start();
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.watcher.stop();
		this.stats.stop();
		this.supervisor.stop();
		this.publisher.close(Duration.ofSeconds(10));
		logger.info("Collector of host {} stopped", this.hostId);
	}

	/** Stops as a crash would: nothing more is committed, the open transaction stays open. */
	synchronized void halt() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.publisher.halt();
		this.watcher.stop();
		this.stats.stop();
		this.supervisor.stop();
		logger.info("Collector of host {} halted", this.hostId);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	String hostId() {
		return this.hostId;
	}

	LabelSelector selector() {
		return this.properties.selector();
	}

	boolean engineConnected() {
		return this.watcher != null && this.watcher.connected();
	}

	int followedCount() {
		return (this.supervisor != null) ? this.supervisor.followedCount() : 0;
	}

	String publisherFailure() {
		return (this.publisher != null) ? this.publisher.failure() : null;
	}

}
