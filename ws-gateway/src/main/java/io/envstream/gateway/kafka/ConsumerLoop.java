package io.envstream.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.envstream.gateway.lifecycle.GatewayExecutors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that owns one Kafka consumer and runs an iteration with it until stopped: the live
 * fan-out's and the status view's. It outlives any failed iteration (a broker outage, a bug): the
 * failure is logged and the loop goes on after a second. {@link #wakeup} ends a poll or an idle
 * wait early, so another thread's command runs at once.
 */
public final class ConsumerLoop {

	/** One turn of the loop, on the loop's thread. */
	public interface Iteration {

		void run(KafkaConsumer<String, byte[]> consumer) throws InterruptedException;

	}

	private static final Logger logger = LoggerFactory.getLogger(ConsumerLoop.class);

	private final String name;

	private final ExecutorService thread;

	private final Supplier<KafkaConsumer<String, byte[]>> consumers;

	private final Iteration iteration;

	private volatile boolean running;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private Future<?> task;

	/**
	 * @param name what the loop is, for its thread and its log lines ({@code status-view})
	 * @param consumers makes the consumer, on the loop's thread
	 */
	public ConsumerLoop(String name, GatewayExecutors executors, Supplier<KafkaConsumer<String, byte[]>> consumers,
			Iteration iteration) {
		this.name = name;
		this.thread = executors.single(name);
		this.consumers = consumers;
		this.iteration = iteration;
	}

	public void start() {
		this.running = true;
		this.task = this.thread.submit(this::run);
	}

	/** Stops the loop and waits up to five seconds for its consumer to close. */
	public void stop() {
		this.running = false;
		wakeup();
		try {
			this.task.get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("{} did not stop cleanly: {}", this.name, ex.toString());
		}
	}

	public boolean isRunning() {
		return this.running;
	}

	/** Ends the current poll or idle wait early. */
	public void wakeup() {
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		synchronized (this) {
			notifyAll();
		}
	}

	/** Waits up to {@code millis}, less if woken up or stopping. */
	public void idle(long millis) throws InterruptedException {
		synchronized (this) {
			if (this.running) {
				wait(millis);
			}
		}
	}

	private void run() {
		this.consumer = this.consumers.get();
		try {
			while (this.running) {
				try {
					this.iteration.run(this.consumer);
				}
				catch (WakeupException ex) {
					// woken for a command, or to stop
				}
				catch (InterruptException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// the loop must outlive any failure (broker outage, a bug in a command)
					logger.warn("{} iteration failed, continuing: {}", this.name, ex.toString());
					idle(1000);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
		}
	}

}
