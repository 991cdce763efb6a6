package io.envstream.collector.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.envstream.collector.Backoff;
import io.envstream.collector.CollectorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the engine's container events for containers with given labels, reconnecting with
 * back-off when the engine goes away. After every (re)connection it calls {@code onConnected}
 * (which lists the containers again), so nothing that happened while disconnected is missed:
 * the subscription is open before the listing starts.
 */
public final class EngineEventWatcher {

	private static final Logger logger = LoggerFactory.getLogger(EngineEventWatcher.class);

	private final DockerClient docker;

	private final List<String> labelFilters;

	private final Consumer<ContainerEvent> listener;

	private final Runnable onConnected;

	private final CollectorMetrics metrics;

	private final Thread thread;

	private volatile boolean stopped;

	private volatile boolean connected;

	private volatile ResultCallback.Adapter<Event> current;

	/** @param labelFilters the engine's {@code label} filters, all of which a container's events must match */
	public EngineEventWatcher(DockerClient docker, List<String> labelFilters, Consumer<ContainerEvent> listener,
			Runnable onConnected, CollectorMetrics metrics) {
		this.docker = docker;
		this.labelFilters = List.copyOf(labelFilters);
		this.listener = listener;
		this.onConnected = onConnected;
		this.metrics = metrics;
		this.thread = new Thread(this::run, "envstream-engine-events");
		this.thread.setDaemon(true);
	}

	public void start() {
		this.thread.start();
	}

	/** Whether the event stream is open now. */
	public boolean connected() {
		return this.connected;
	}

	private void run() {
		Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
		boolean first = true;
		while (!this.stopped) {
			if (!first) {
				this.metrics.engineReconnect();
			}
			first = false;
			CountDownLatch started = new CountDownLatch(1);
			ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
				@Override
				public void onStart(java.io.Closeable stream) {
					super.onStart(stream);
					started.countDown();
				}

				@Override
				public void onNext(Event event) {
					deliver(event);
				}
			};
			try {
				this.current = callback;
				this.docker.eventsCmd()
					.withEventTypeFilter(EventType.CONTAINER)
					.withLabelFilter(this.labelFilters.toArray(String[]::new))
					.exec(callback);
				if (!started.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the engine did not open its event stream within 10 s");
				}
				this.connected = true;
				this.onConnected.run();
				backoff.reset();
				callback.awaitCompletion();
				if (!this.stopped) {
					logger.warn("The engine's event stream ended; reconnecting");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (this.stopped) {
					return;
				}
				this.metrics.readError();
				logger.warn("Watching the engine's events failed: {}", ex.getMessage());
			}
			finally {
				this.connected = false;
				closeQuietly(callback);
			}
			if (!this.stopped) {
				try {
					Thread.sleep(backoff.next().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void deliver(Event event) {
		if (event.getActor() == null || event.getAction() == null) {
			return;
		}
		Map<String, String> attributes = (event.getActor().getAttributes() != null) ? event.getActor().getAttributes()
				: Map.of();
		long timeNanos = (event.getTimeNano() != null) ? event.getTimeNano()
				: ((event.getTime() != null) ? event.getTime() * 1_000_000_000L : System.currentTimeMillis() * 1_000_000L);
		try {
			this.listener.accept(new ContainerEvent(event.getActor().getId(), event.getAction(), attributes, timeNanos));
		}
		catch (RuntimeException ex) {
			logger.warn("Handling {} of {} failed: {}", event.getAction(), event.getActor().getId(), ex.getMessage(),
					ex);
		}
	}

	public void stop() {
		this.stopped = true;
		ResultCallback.Adapter<Event> callback = this.current;
		if (callback != null) {
			closeQuietly(callback);
		}
		this.thread.interrupt();
	}

	private static void closeQuietly(ResultCallback.Adapter<Event> callback) {
		try {
			callback.close();
		}
		catch (java.io.IOException | RuntimeException ex) {
			// closed either way
		}
	}

}
