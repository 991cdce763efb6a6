package io.envstream.e2e.bench.endtoend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the numbering of what one client received, per source (the generator's prefix): every
 * line must come exactly once and in order. A number above the next expected one is a gap (the
 * lines between count as missing); one below it is a repeat (a duplicate, or a line out of
 * order). Not thread-safe: one client's frames arrive one after the other.
 */
final class SequenceCheck {

	private final long firstSeq;

	private final Map<String, Source> sources = new HashMap<>();

	private long unique;

	private long missing;

	private long repeated;

	/** @param firstSeq the number every source is expected to start at (1 for a live stream from its start) */
	SequenceCheck(long firstSeq) {
		this.firstSeq = firstSeq;
	}

	void accept(String source, long seq) {
		Source state = this.sources.computeIfAbsent(source, (name) -> new Source(this.firstSeq));
		if (seq < state.next) {
			this.repeated++;
			return;
		}
		this.missing += seq - state.next;
		state.next = seq + 1;
		this.unique++;
	}

	/** Lines received once each, in order (a line after a gap counts too). */
	long unique() {
		return this.unique;
	}

	/** Lines skipped inside what was received. */
	long missing() {
		return this.missing;
	}

	long repeated() {
		return this.repeated;
	}

	/**
	 * Lines not received of {@code sources} that each end at {@code lastSeq}: gaps, the tails that
	 * never came, and every line of a source never heard from.
	 */
	long lost(List<String> expectedSources, long lastSeq) {
		long lost = this.missing;
		for (String source : expectedSources) {
			Source state = this.sources.get(source);
			long next = (state != null) ? state.next : this.firstSeq;
			lost += Math.max(0, lastSeq + 1 - next);
		}
		return lost;
	}

	private static final class Source {

		long next;

		Source(long next) {
			this.next = next;
		}

	}

}
