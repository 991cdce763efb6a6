package io.envstream.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What the launcher started and where it answers; logged once everything is up.
 *
 * @param kafkaBootstrapServers the broker the apps use
 * @param kafkaDetail how that broker runs
 * @param jdbcUrl the database the apps use
 * @param postgresDetail how that database runs
 * @param dataDir where embedded data lives
 * @param apps each app's base URL, by name
 * @param actuators where each app's actuator endpoints answer, by name
 * @param tokensDetail where the gateway's tokens come from
 */
record WhatRunsWhere(String kafkaBootstrapServers, String kafkaDetail, String jdbcUrl, String postgresDetail,
		Path dataDir, Map<String, URI> apps, Map<String, URI> actuators, String tokensDetail) {

	private static final String ACTUATOR = "/actuator/";

	String describe(Duration startup) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "envstream standalone is up in %.1f s; data in %s%n", startup.toMillis() / 1000.0,
				this.dataDir.toAbsolutePath().normalize()));
		text.append(String.format("  %-17s %s (%s)%n", "Kafka", this.kafkaBootstrapServers, this.kafkaDetail));
		text.append(String.format("  %-17s %s (%s)%n", "PostgreSQL", withoutPassword(this.jdbcUrl),
				this.postgresDetail));
		this.apps.forEach((name, url) -> {
			URI actuator = this.actuators.get(name);
			text.append(String.format("  %-17s %s  health %s, info %s, metrics %s%n", name, url,
					actuator.resolve(ACTUATOR + "health"), actuator.resolve(ACTUATOR + "info"),
					actuator.resolve(ACTUATOR + "prometheus")));
		});
		text.append(String.format("  %-17s %s%n", "tokens", this.tokensDetail));
		return text.toString().stripTrailing();
	}

	static String withoutPassword(String jdbcUrl) {
		return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
	}

}
