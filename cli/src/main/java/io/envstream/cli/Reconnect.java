package io.envstream.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * What a close means and what to do about it, the same rules as the TypeScript client ({@code close-codes.ts},
 * {@code socket.ts}) and PROTOCOL.md: reconnect with backoff 1, 2, 4, 8, 16 s (up to +20% jitter) on 1001, 1006,
 * 1011 and 4429; on 4401 once with a fresh token; never on 4403, 4404, 1008, 1009. The retries count from the last
 * connection that delivered a message, so a server that accepts and at once refuses still runs out of them.
 */
public final class Reconnect {

	/** Codes after which a client reconnects with backoff. */
	public static final Set<Integer> RETRY_CODES = Set.of(1001, 1006, 1011, 4429);

	public static final Duration FIRST_WAIT = Duration.ofSeconds(1);

	public static final List<Duration> BACKOFF = schedule(FIRST_WAIT);

	private static final Map<Integer, String> WORDS = Map.ofEntries(Map.entry(1000, "closed normally"),
			Map.entry(1001, "the server is shutting down"), Map.entry(1006, "the connection was lost"),
			Map.entry(1008, "the server refused a message from this client"),
			Map.entry(1009, "a message from this client was too large"),
			Map.entry(1011, "the server hit an unexpected error"),
			Map.entry(4401, "not signed in, or the token has expired"),
			Map.entry(4403, "you may not access this environment"),
			Map.entry(4404, "this environment (or terminal session) does not exist"),
			Map.entry(4409, "this terminal session is attached elsewhere"),
			Map.entry(4429, "too many connections or connection attempts"));

	private final List<Duration> schedule;

	private final DoubleSupplier jitter;

	private int attempt;

	private boolean refreshed;

	Reconnect(List<Duration> schedule, DoubleSupplier jitter) {
		this.schedule = schedule;
		this.jitter = jitter;
	}

	/** The five waits: {@code first}, then each twice the one before (1, 2, 4, 8, 16 s from 1 s). */
	static List<Duration> schedule(Duration first) {
		return List.of(first, first.multipliedBy(2), first.multipliedBy(4), first.multipliedBy(8), first.multipliedBy(16));
	}

	/** A connection delivered a message: the retries start again. */
	public void delivered() {
		this.attempt = 0;
		this.refreshed = false;
	}

	/** The wait before the next attempt after this close; empty: give up (retries used up, or not to retry). */
	public Optional<Duration> after(int code) {
		if (!RETRY_CODES.contains(code) || this.attempt >= this.schedule.size()) {
			return Optional.empty();
		}
		Duration step = this.schedule.get(this.attempt++);
		double spread = Math.min(Math.max(this.jitter.getAsDouble(), 0), 1);
		return Optional.of(step.plusMillis(Math.round(step.toMillis() * 0.2 * spread)));
	}

	/** After a 4401: whether to try once more with a token read again (once per delivering connection). */
	public boolean refreshToken() {
		if (this.refreshed) {
			return false;
		}
		this.refreshed = true;
		return true;
	}

	/** The retry about to be made, counted from 1. */
	public int attempt() {
		return this.attempt;
	}

	public int retries() {
		return this.schedule.size();
	}

	/** The close in words: the code's meaning, then the server's own reason when it gave one. */
	public static String describe(int code, String reason) {
		String meaning = WORDS.getOrDefault(code, "closed with code " + code);
		String said = (reason != null) ? reason.strip() : "";
		return (!said.isEmpty() && !said.equals(meaning)) ? meaning + " (" + said + ")" : meaning;
	}

}
