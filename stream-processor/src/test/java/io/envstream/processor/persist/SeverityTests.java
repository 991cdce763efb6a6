package io.envstream.processor.persist;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			2025-10-01 12:00:00.123 ERROR 4242 --- [main] o.s.b.SpringApplication : failed  | ERROR
			ERROR:root:could not connect                                                  | ERROR
			2025-10-01T12:00:00Z\tFATAL\tmain.go:12\tout of memory                        | ERROR
			SEVERE: Servlet.service() threw exception                                      | ERROR
			time=2025-10-01T12:00:00Z level=error msg="db down"                            | ERROR
			ts=1 lvl=ERR caller=main.go:3                                                  | ERROR
			{"time":"2025-10-01","level":"warn","msg":"slow"}                              | WARNING
			{"severity" : "CRITICAL", "message": "x"}                                       | ERROR
			2025/10/01 12:00:00 [error] 31#31: *1 open() failed                            | ERROR
			2025/10/01 12:00:00 [warn] 31#31: low disk                                     | WARNING
			12:00:00.001 [worker-1] WARN  c.e.Cache - eviction storm                       | WARNING
			WARNING: deprecated option                                                     | WARNING
			level=INFO msg="0 errors, 0 warnings"                                          | OTHER
			2025-10-01 12:00:00.123  INFO 4242 --- [main] error handling enabled            | OTHER
			GET /errors 200                                                                | OTHER
			ERRORS_TOTAL=0                                                                 | OTHER
			the level is error prone                                                       | OTHER
			Application started on port 3000                                               | OTHER
			ÅERROR: a letter beyond ASCII is part of its word                             | OTHER
			Ünïcode WARN                                                                   | WARNING
			""")
	void findsTheLevelOfCommonFormats(String message, Severity expected) {
		assertThat(Severity.of(message.strip(), Map.of())).isEqualTo(expected);
	}

	@Test
	void takesTheFirstLevelOfALine() {
		assertThat(Severity.of("WARN retrying after ERROR from upstream", Map.of())).isEqualTo(Severity.WARNING);
	}

	@Test
	void trustsTheLevelTheTopologyTookFromAJsonLine() {
		assertThat(Severity.of("{\"msg\":\"ERROR in payload\"}", Map.of("level", "warning")))
			.isEqualTo(Severity.WARNING);
		assertThat(Severity.of("{\"msg\":\"ERROR in payload\"}", Map.of("level", "info"))).isEqualTo(Severity.OTHER);
		assertThat(Severity.of("plain ERROR text", Map.of("level", "custom"))).isEqualTo(Severity.ERROR);
	}

	@Test
	void readsOnlyThePrefixOfALongLine() {
		String padding = "x ".repeat(Severity.SCANNED);
		assertThat(Severity.of(padding + "ERROR late", Map.of())).isEqualTo(Severity.OTHER);
		assertThat(Severity.of("ERROR early " + padding, Map.of())).isEqualTo(Severity.ERROR);
	}

	@Test
	void acceptsLinesWithoutMetadataOrText() {
		assertThat(Severity.of("", null)).isEqualTo(Severity.OTHER);
		assertThat(Severity.of("level=", Map.of())).isEqualTo(Severity.OTHER);
	}

}
