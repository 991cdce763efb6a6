package io.envstream.standalone;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class StandalonePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsToEmbeddedServicesOnTheirUsualPorts() {
		this.runner.run((context) -> {
			StandaloneProperties properties = context.getBean(StandaloneProperties.class);
			assertThat(properties.dataDir()).isEqualTo(Path.of("var"));
			assertThat(properties.kafkaPort()).isEqualTo(9092);
			assertThat(properties.kafkaControllerPort()).isEqualTo(9093);
			assertThat(properties.postgresPort()).isEqualTo(5432);
			assertThat(properties.gatewayPort()).isEqualTo(8080);
			assertThat(properties.collectorPort()).isEqualTo(8081);
			assertThat(properties.processorPort()).isEqualTo(8082);
			assertThat(properties.embeddedKafka()).isTrue();
			assertThat(properties.embeddedPostgres()).isTrue();
			assertThat(properties.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
			assertThat(properties.appHost()).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void exposesTheAppsOnTheBindAddressAndNamesAReachableHostInTheirUrls() {
		this.runner.withPropertyValues("envstream.standalone.bind-address=0.0.0.0")
			.run((context) -> assertThat(context.getBean(StandaloneProperties.class).appHost()).isEqualTo("127.0.0.1"));
		this.runner.withPropertyValues("envstream.standalone.bind-address=192.0.2.7")
			.run((context) -> assertThat(context.getBean(StandaloneProperties.class).appHost()).isEqualTo("192.0.2.7"));
		this.runner.withPropertyValues("envstream.standalone.bind-address=2001:db8::7")
			.run((context) -> assertThat(context.getBean(StandaloneProperties.class).appHost())
				.isEqualTo("[2001:db8:0:0:0:0:0:7]"));
	}

	@Test
	void usesExternalServicesWhenTheyAreNamed() {
		this.runner
			.withPropertyValues("envstream.standalone.kafka-bootstrap-servers=kafka:9092",
					"envstream.standalone.jdbc-url=jdbc:postgresql://db/envstream")
			.run((context) -> {
				StandaloneProperties properties = context.getBean(StandaloneProperties.class);
				assertThat(properties.embeddedKafka()).isFalse();
				assertThat(properties.embeddedPostgres()).isFalse();
			});
	}

	@Test
	void rejectsAnOutOfRangePortNamingTheProperty() {
		this.runner.withPropertyValues("envstream.standalone.postgres-port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.standalone")
				.hasMessageContaining("postgresPort"));
	}

	@Test
	void rejectsTheSamePortForClientsAndController() {
		this.runner
			.withPropertyValues("envstream.standalone.kafka-port=9092", "envstream.standalone.kafka-controller-port=9092")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("kafka-port and kafka-controller-port must differ"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StandaloneProperties.class)
	static class PropertiesConfiguration {

	}

}
