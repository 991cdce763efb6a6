package io.envstream.gateway.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every thread of the gateway comes from an executor made here, named for what it runs (a thread
 * dump reads {@code logs-sender-3}, {@code status-view}); they are daemon threads, so a stuck send
 * never holds the JVM up. The executors are shut down when the application context closes, after
 * {@link GatewayLifecycle} has stopped the parts that use them.
 */
@Component
public class GatewayExecutors implements DisposableBean {

	private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

	/** A pool of {@code threads} threads named {@code name-1}, {@code name-2}, … */
	public ExecutorService pool(String name, int threads) {
		return own(Executors.newFixedThreadPool(threads, numbered(name)));
	}

	/**
	 * Up to {@code threads} threads named {@code name-1}, {@code name-2}, … for work that mostly waits for a
	 * store's answer: each is made when a task finds the others busy and ends after a minute without one; a task
	 * beyond them waits in line.
	 */
	public ExecutorService elastic(String name, int threads) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
				new LinkedBlockingQueue<>(), numbered(name));
		pool.allowCoreThreadTimeOut(true);
		return own(pool);
	}

	/** Timers on {@code threads} threads named {@code name-1}, … (or {@code name} alone for one). */
	public ScheduledExecutorService scheduled(String name, int threads) {
		return own(Executors.newScheduledThreadPool(threads, (threads == 1) ? named(name) : numbered(name)));
	}

	/** One thread named {@code name}, for a loop that runs until stopped. */
	public ExecutorService single(String name) {
		return own(Executors.newSingleThreadExecutor(named(name)));
	}

	private <E extends ExecutorService> E own(E executor) {
		this.executors.add(executor);
		return executor;
	}

	private static ThreadFactory named(String name) {
		return (task) -> daemon(new Thread(task, name));
	}

	private static ThreadFactory numbered(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> daemon(new Thread(task, name + "-" + count.incrementAndGet()));
	}

	private static Thread daemon(Thread thread) {
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void destroy() {
		this.executors.forEach(ExecutorService::shutdownNow);
	}

}
