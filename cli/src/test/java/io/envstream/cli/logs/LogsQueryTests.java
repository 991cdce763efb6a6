package io.envstream.cli.logs;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogsQueryTests {

	@Test
	void asksForHistoryOnlyUntilALineWasDeliveredThenResumesAfterIt() {
		LogsQuery query = new LogsQuery("stderr", 50, null, true, null, null, null);

		assertThat(query.encode(null)).isEqualTo("stream=stderr&tail=50");
		assertThat(query.encode("djE6MzowOjA")).isEqualTo("stream=stderr&resume=djE6MzowOjA");
	}

	@Test
	void replaysFromATimeAtAPaceUntilAnEnd() {
		LogsQuery query = new LogsQuery(null, null, Instant.parse("2026-12-04T10:00:00Z"), true, "10",
				Instant.parse("2026-12-04T11:00:00Z"), null);

		assertThat(query.encode(null))
			.isEqualTo("since=2026-12-04T10%3A00%3A00Z&speed=10&until=2026-12-04T11%3A00%3A00Z");
	}

	@Test
	void endsWithTheHistoryWhenNotFollowing() {
		assertThat(new LogsQuery("all", null, null, false, null, null, null).encode(null)).isEqualTo("follow=false");
	}

}
