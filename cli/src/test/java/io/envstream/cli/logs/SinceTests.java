package io.envstream.cli.logs;

import java.time.Instant;

import io.envstream.cli.CliException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinceTests {

	private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

	@Test
	void readsDurationsBackFromNow() {
		assertThat(Since.parse("--since", "90s", NOW)).isEqualTo("2026-12-04T11:58:30Z");
		assertThat(Since.parse("--since", "15m", NOW)).isEqualTo("2026-12-04T11:45:00Z");
		assertThat(Since.parse("--since", "1h30m", NOW)).isEqualTo("2026-12-04T10:30:00Z");
		assertThat(Since.parse("--since", "2d", NOW)).isEqualTo("2026-12-02T12:00:00Z");
	}

	@Test
	void readsRfc3339TimesWithTheirOffset() {
		assertThat(Since.parse("--since", "2026-12-04T10:00:00Z", NOW)).isEqualTo("2026-12-04T10:00:00Z");
		assertThat(Since.parse("--since", "2026-12-04T11:00:00.5+01:00", NOW)).isEqualTo("2026-12-04T10:00:00.500Z");
	}

	@Test
	void refusesAnythingElseNamingTheOptionAndTheForms() {
		assertThatThrownBy(() -> Since.parse("--until", "yesterday", NOW)).isInstanceOf(CliException.class)
			.hasMessageContaining("--until yesterday")
			.hasMessageContaining("1h30m")
			.satisfies((ex) -> assertThat(((CliException) ex).exitCode()).isEqualTo(64));
		assertThatThrownBy(() -> Since.parse("--since", "", NOW)).isInstanceOf(CliException.class);
		assertThatThrownBy(() -> Since.parse("--since", "5w", NOW)).isInstanceOf(CliException.class);
	}

}
