package io.envstream.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhatRunsWhereTests {

	@Test
	void describesEveryServiceAndTheActuatorEndpointsOfEachAppOnItsManagementPort() {
		WhatRunsWhere where = new WhatRunsWhere("127.0.0.1:9092", "embedded", "jdbc:postgresql://localhost:5432/envstream",
				"embedded", Path.of("var"), Map.of("ws-gateway", URI.create("http://localhost:8080")),
				Map.of("ws-gateway", URI.create("http://localhost:8089")), "sign in at http://localhost:8080/signin");

		String description = where.describe(Duration.ofMillis(12345));

		assertThat(description).contains("up in 12.3 s")
			.contains("127.0.0.1:9092")
			.contains("jdbc:postgresql://localhost:5432/envstream")
			.contains("http://localhost:8089/actuator/health")
			.contains("http://localhost:8089/actuator/info")
			.contains("http://localhost:8089/actuator/prometheus")
			.doesNotContain("http://localhost:8080/actuator")
			.contains("sign in at http://localhost:8080/signin");
	}

	@Test
	void hidesAPasswordInTheJdbcUrl() {
		assertThat(WhatRunsWhere.withoutPassword("jdbc:postgresql://db/envstream?user=u&password=secret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db/envstream?user=u&password=****&ssl=true");
	}

}
