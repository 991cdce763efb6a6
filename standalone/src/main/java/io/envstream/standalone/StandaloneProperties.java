package io.envstream.standalone;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the standalone launcher, {@code envstream.standalone.*}.
 *
 * @param dataDir where the embedded broker and PostgreSQL keep their data, across restarts
 * @param kafkaPort the embedded broker's client port, on 127.0.0.1
 * @param kafkaControllerPort the embedded broker's KRaft controller port, on 127.0.0.1
 * @param postgresPort the embedded PostgreSQL's port
 * @param gatewayPort the ws-gateway's HTTP port (0: any free port)
 * @param gatewayManagementPort the ws-gateway's actuator port (0: any free port), on the same address
 * @param collectorPort the collector's HTTP port (0: any free port)
 * @param processorPort the stream-processor's HTTP port (0: any free port)
 * @param bindAddress the address the three apps listen on: loopback unless exposing them is asked for
 *     ({@code 0.0.0.0}: every interface); the broker and PostgreSQL stay on 127.0.0.1 whatever it says
 * @param kafkaBootstrapServers an existing Kafka to use instead of the embedded broker
 * @param jdbcUrl an existing PostgreSQL database to use instead of the embedded one
 * @param signIn whether the gateway serves the sign-in page ({@code /signin}) when standalone issues the tokens
 * @param tokenTtl how long a token from the sign-in page lives, and the token command's default
 */
@ConfigurationProperties("envstream.standalone")
@Validated
record StandaloneProperties(
		@DefaultValue("./var") @NotNull Path dataDir,
		@DefaultValue("9092") @Min(1) @Max(65535) int kafkaPort,
		@DefaultValue("9093") @Min(1) @Max(65535) int kafkaControllerPort,
		@DefaultValue("5432") @Min(1) @Max(65535) int postgresPort,
		@DefaultValue("8080") @Min(0) @Max(65535) int gatewayPort,
		@DefaultValue("8089") @Min(0) @Max(65535) int gatewayManagementPort,
		@DefaultValue("8081") @Min(0) @Max(65535) int collectorPort,
		@DefaultValue("8082") @Min(0) @Max(65535) int processorPort,
		@DefaultValue(StandaloneProperties.LOOPBACK) @NotNull InetAddress bindAddress,
		String kafkaBootstrapServers,
		String jdbcUrl,
		@DefaultValue("true") boolean signIn,
		@DefaultValue("8h") @NotNull @DurationMin(seconds = 1) Duration tokenTtl) {

	/** Where the embedded broker and PostgreSQL listen: they trust whoever connects, and only this JVM needs them. */
	static final String LOOPBACK = "127.0.0.1";

	/** The host in the apps' URLs: the bound address, or loopback when they listen on every interface. */
	String appHost() {
		if (this.bindAddress.isAnyLocalAddress()) {
			return LOOPBACK;
		}
		String address = this.bindAddress.getHostAddress();
		return (this.bindAddress instanceof Inet6Address) ? "[" + address + "]" : address;
	}

	boolean embeddedKafka() {
		return !StringUtils.hasText(this.kafkaBootstrapServers);
	}

	boolean embeddedPostgres() {
		return !StringUtils.hasText(this.jdbcUrl);
	}

	@AssertTrue(message = "kafka-port and kafka-controller-port must differ")
	boolean isKafkaPortDistinctFromControllerPort() {
		return this.kafkaPort != this.kafkaControllerPort;
	}

}
