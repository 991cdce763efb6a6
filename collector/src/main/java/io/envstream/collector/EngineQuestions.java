package io.envstream.collector;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the engine questions (list, inspect) that must be answered within a time. The engine holds the inspect of a
 * container whose runtime shim hangs until the shim answers, and whoever waits for it waits with it. A socket timeout
 * does not bound a read on the engine's unix socket (docker-java reads it through a channel), but a channel read ends
 * when its thread is interrupted: each question runs on a thread of its own, interrupted once its time is up.
 */
public final class EngineQuestions implements AutoCloseable {

	/**
	 * How long the engine may take to list or describe containers, or create an exec: it answers in milliseconds,
	 * unless it waits for a container's runtime shim that hangs.
	 */
	public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	private final Duration timeout;

	private final ExecutorService askers;

	public EngineQuestions(Duration timeout) {
		this.timeout = timeout;
		AtomicInteger threads = new AtomicInteger();
		this.askers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "envstream-engine-question-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The question's answer, or what it threw.
	 * @throws EngineDidNotAnswerException when it has not come in time (the question is interrupted)
	 */
	public <T> T ask(String what, Callable<T> question) {
		Future<T> answer = this.askers.submit(question);
		try {
			return answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw new EngineDidNotAnswerException("the engine did not answer " + what + " within " + this.timeout);
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			throw new EngineDidNotAnswerException("interrupted while asking the engine " + what);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("asking the engine " + what + " failed: " + ex.getCause(), ex.getCause());
		}
	}

	@Override
	public void close() {
		this.askers.shutdownNow();
	}

	/** A question the engine did not answer in time. */
	public static final class EngineDidNotAnswerException extends RuntimeException {

		EngineDidNotAnswerException(String message) {
			super(message);
		}

	}

}
