package io.envstream.cli.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MergerTests {

	@Test
	void holdsLinesBackUntilEveryEnvironmentStillInHistoryHasOneWaiting() {
		Merger merger = new Merger(List.of("a", "b"));

		assertThat(merger.offer("a", List.of(line("a", 1), line("a", 5)))).isEmpty();
		assertThat(merger.offer("b", List.of(line("b", 2), line("b", 3)))).extracting(LogLine::message)
			.containsExactly("a@1", "b@2", "b@3");
		assertThat(merger.offer("b", List.of(line("b", 7)))).extracting(LogLine::message).containsExactly("a@5");
		assertThat(merger.caughtUp("a")).extracting(LogLine::message).containsExactly("b@7");
	}

	@Test
	void releasesAsLinesComeOnceEveryEnvironmentCaughtUp() {
		Merger merger = new Merger(List.of("a", "b"));
		merger.caughtUp("a");
		merger.caughtUp("b");

		assertThat(merger.offer("b", List.of(line("b", 9)))).extracting(LogLine::message).containsExactly("b@9");
		assertThat(merger.offer("a", List.of(line("a", 4)))).extracting(LogLine::message).containsExactly("a@4");
	}

	@Test
	void anEnvironmentThatEndedHoldsNothingBack() {
		Merger merger = new Merger(List.of("a", "b", "c"));
		merger.caughtUp("c");

		merger.offer("a", List.of(line("a", 3)));
		assertThat(merger.offer("b", List.of(line("b", 1)))).extracting(LogLine::message).containsExactly("b@1");
	}

	@Test
	void anEnvironmentThatJoinsLaterHoldsNothingBack() {
		Merger merger = new Merger(List.of("a"));
		merger.join("b");

		assertThat(merger.offer("b", List.of(line("b", 1)))).isEmpty();
		assertThat(merger.offer("a", List.of(line("a", 5)))).extracting(LogLine::message).containsExactly("b@1", "a@5");
		merger.caughtUp("a");
		assertThat(merger.offer("b", List.of(line("b", 2)))).extracting(LogLine::message).containsExactly("b@2");
	}

	@Test
	void keepsTheOrderEnvironmentsWereNamedInOnTies() {
		Merger merger = new Merger(List.of("a", "b"));
		merger.offer("b", List.of(line("b", 1)));
		List<LogLine> out = new ArrayList<>(merger.offer("a", List.of(line("a", 1))));
		out.addAll(merger.caughtUp("a"));
		out.addAll(merger.caughtUp("b"));

		assertThat(out).extracting(LogLine::message).containsExactly("a@1", "b@1");
	}

	@Test
	void printsEveryLineOfInterleavedHistoriesOnceInTimeOrder() {
		Merger merger = new Merger(List.of("a", "b"));
		List<LogLine> out = new ArrayList<>();
		for (int i = 0; i < 100; i += 10) {
			out.addAll(merger.offer("a", List.of(line("a", i), line("a", i + 2), line("a", i + 4))));
			out.addAll(merger.offer("b", List.of(line("b", i + 1), line("b", i + 3))));
		}
		out.addAll(merger.caughtUp("a"));
		out.addAll(merger.caughtUp("b"));

		assertThat(out).hasSize(50);
		assertThat(out).extracting(LogLine::time).isSorted();
	}

	private static LogLine line(String environment, int second) {
		Instant time = Instant.ofEpochSecond(1_800_000_000L + second);
		return new LogLine(environment, time.toString(), time, "stdout", environment + "@" + second, "c" + second,
				second, "host-1");
	}

}
