package io.envstream.gateway.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.envstream.gateway.lifecycle.GatewayExecutors;

import org.springframework.stereotype.Component;

/**
 * Runs the part of a REST request that waits for a store (PostgreSQL, Kafka, the alerts app) on threads of
 * its own ({@code rest-1}, …), and lets the container's thread go at once: Spring MVC answers when the future
 * completes. Tomcat completes every WebSocket send on those same container threads, so requests waiting there
 * (a burst of slow history queries, a locked table) would hold back the next frame of every connection.
 */
@Component
public class RestWork {

	/**
	 * As many as Tomcat's threads by default, and for the same reason as the connections' openers: the work
	 * mostly waits, each request at most the pool's connection timeout while PostgreSQL is away.
	 */
	private static final int THREADS = 200;

	private final ExecutorService threads;

	RestWork(GatewayExecutors executors) {
		this.threads = executors.elastic("rest", THREADS);
	}

	/** {@code work} on a REST thread; what it throws completes the future, for {@link ApiErrors} to answer. */
	public <T> CompletableFuture<T> supply(Supplier<T> work) {
		return CompletableFuture.supplyAsync(work, this.threads);
	}

}
