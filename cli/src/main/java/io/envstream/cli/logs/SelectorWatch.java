package io.envstream.cli.logs;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.envstream.cli.CliException;
import io.envstream.cli.Gateway;
import io.envstream.cli.Selector;

/**
 * While {@code logs -l SELECTOR -f} follows, lists the environments again every {@link #INTERVAL} and hands each new
 * match on, as stern picks up pods that start later. The gateway pushes no list of environments, so it polls: one
 * {@code GET /api/v1/environments} per interval. A failed listing is told on stderr and tried again at the next.
 */
final class SelectorWatch implements Runnable {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	private final Gateway gateway;

	private final String selectorText;

	private final Selector selector;

	private final Set<String> known;

	private final Consumer<String> found;

	private final PrintStream messages;

	private final CountDownLatch stop = new CountDownLatch(1);

	SelectorWatch(Gateway gateway, String selectorText, List<String> following, Consumer<String> found,
			PrintStream messages) {
		this.gateway = gateway;
		this.selectorText = selectorText;
		this.selector = Selector.parse(selectorText);
		this.known = new HashSet<>(following);
		this.found = found;
		this.messages = messages;
	}

	void stop() {
		this.stop.countDown();
	}

	@Override
	public void run() {
		try {
			while (!this.stop.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
				List<String> matches;
				try {
					matches = this.selector.ids(this.gateway.environments());
				}
				catch (CliException ex) {
					this.messages.println("-l " + this.selectorText + ": " + ex.getMessage() + "; listing again in "
							+ INTERVAL.toSeconds() + " s");
					continue;
				}
				for (String environment : matches) {
					if (this.known.add(environment)) {
						this.messages.println(environment + ": matches -l " + this.selectorText + ", following it");
						this.found.accept(environment);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
