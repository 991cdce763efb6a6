package io.envstream.processor;

import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the topology with the context: started once every bean (the provisioned topics included) exists, closed
 * with it. A stream thread that dies is replaced; with exactly-once the new one resumes from the last commit.
 */
class ProcessorStreams implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ProcessorStreams.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	private final Topology topology;

	private final Properties config;

	private final MeterRegistry registry;

	private volatile KafkaStreams streams;

	private KafkaStreamsMetrics metrics;

	ProcessorStreams(Topology topology, Properties config, MeterRegistry registry) {
		this.topology = topology;
		this.config = config;
		this.registry = registry;
	}

	@Override
	public synchronized void start() {
		KafkaStreams streams = new KafkaStreams(this.topology, this.config);
		streams.setUncaughtExceptionHandler((ex) -> {
			logger.error("Stream thread failed; replacing it, it resumes from the last commit", ex);
			return StreamThreadExceptionResponse.REPLACE_THREAD;
		});
		// an operator (or a failed test) reads from these lines when the topology stopped moving, and why
		streams.setStateListener((next, previous) -> logger.info("Kafka Streams {} -> {}", previous, next));
		this.metrics = new KafkaStreamsMetrics(streams);
		this.metrics.bindTo(this.registry);
		streams.start();
		this.streams = streams;
	}

	@Override
	public synchronized void stop() {
		if (this.streams != null) {
			this.streams.close(CLOSE_TIMEOUT);
			this.metrics.close();
			this.streams = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.streams != null;
	}

	/** The state of Kafka Streams, {@code null} while stopped. */
	KafkaStreams.State state() {
		KafkaStreams streams = this.streams;
		return (streams != null) ? streams.state() : null;
	}

}
