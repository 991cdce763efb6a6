package io.envstream.cli.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the lines of several environments into one stream ordered by time, as stern does. Each environment's lines
 * already arrive in order; a line is released only once every environment still sending history has a line waiting
 * (or has caught up: {@code live}, or its stream ended), so no later history line can turn up older than one already
 * released. Once every environment is live, lines go out as they come. Ties keep the order environments were named
 * (or joined).
 */
final class Merger {

	private static final class Source {

		final int order;

		final ArrayDeque<LogLine> waiting = new ArrayDeque<>();

		boolean caughtUp;

		Source(int order) {
			this.order = order;
		}

		boolean blocks() {
			return !this.caughtUp && this.waiting.isEmpty();
		}

	}

	private final Map<String, Source> sources = new LinkedHashMap<>();

	Merger(List<String> environments) {
		for (String environment : environments) {
			this.sources.put(environment, new Source(this.sources.size()));
		}
	}

	/**
	 * An environment that joins while the stream runs (a new match of {@code -l} while following): its lines go out as
	 * they come, holding back none of the others, which may be live already; its history can be older than lines
	 * printed before it joined.
	 */
	void join(String environment) {
		Source source = new Source(this.sources.size());
		source.caughtUp = true;
		this.sources.putIfAbsent(environment, source);
	}

	/** Takes the lines of one environment; returns those now ready to print, in order. */
	List<LogLine> offer(String environment, List<LogLine> lines) {
		this.sources.get(environment).waiting.addAll(lines);
		return release();
	}

	/** The environment caught up (or ended): it holds back no line of the others any more. */
	List<LogLine> caughtUp(String environment) {
		this.sources.get(environment).caughtUp = true;
		return release();
	}

	private List<LogLine> release() {
		List<LogLine> ready = new ArrayList<>();
		Comparator<Source> byHead = Comparator.comparing((Source source) -> source.waiting.peekFirst().time())
			.thenComparingInt((source) -> source.order);
		while (this.sources.values().stream().noneMatch(Source::blocks)) {
			Source next = this.sources.values()
				.stream()
				.filter((source) -> !source.waiting.isEmpty())
				.min(byHead)
				.orElse(null);
			if (next == null) {
				break;
			}
			ready.add(next.waiting.pollFirst());
		}
		return ready;
	}

}
