package io.envstream.gateway.logs;

import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The catch-up readers' Kafka consumers, kept between reads. Making a consumer (its client, its
 * metrics and MBeans, its connection and metadata) costs more than a short read does: a resume a
 * thousand lines back, or a {@code tail=0} connection, which reads nothing. 1,000 clients
 * reconnecting at once made 1,000 of them. A read takes an idle consumer or makes one, so there
 * are never more than readers running at once; one whose read failed is closed, not kept.
 */
final class CatchUpConsumers {

	/** Reads with a consumer of its own while it runs. */
	interface Read {

		void run(KafkaConsumer<String, byte[]> consumer) throws Exception;

	}

	private final KafkaClients kafka;

	private final ConcurrentLinkedQueue<KafkaConsumer<String, byte[]>> idle = new ConcurrentLinkedQueue<>();

	private final Counter made;

	private volatile boolean closed;

	CatchUpConsumers(KafkaClients kafka, MeterRegistry registry) {
		this.kafka = kafka;
		this.made = Counter.builder("envstream.gateway.catchup.consumers.made")
			.description("Kafka consumers made for catch-up reads (each is kept for the next read while the gateway runs)")
			.register(registry);
	}

	/** Runs {@code read} with an idle consumer, or a new one; keeps the consumer afterwards unless the read failed. */
	void read(Read read) throws Exception {
		KafkaConsumer<String, byte[]> consumer = this.idle.poll();
		if (consumer == null) {
			consumer = this.kafka.consumer("catch-up");
			this.made.increment();
		}
		try {
			read.run(consumer);
		}
		catch (Exception ex) {
			// its state is unknown (an interrupt, a broker error): the next read starts afresh
			consumer.close();
			throw ex;
		}
		// the next read assigns its own partition: nothing of this one's positions or fetched records is left
		consumer.unsubscribe();
		this.idle.add(consumer);
		if (this.closed) {
			closeIdle();
		}
	}

	/** Closes the idle consumers, and each running read's once it ends. */
	void close() {
		this.closed = true;
		closeIdle();
	}

	private void closeIdle() {
		KafkaConsumer<String, byte[]> consumer;
		while ((consumer = this.idle.poll()) != null) {
			consumer.close();
		}
	}

}
