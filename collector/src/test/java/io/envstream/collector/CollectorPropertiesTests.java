package io.envstream.collector;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsDefaultsWhenNothingIsSet() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CollectorProperties.class));
	}

	@Test
	void rejectsZeroPartitionsNamingTheProperty() {
		this.runner.withPropertyValues("envstream.collector.kafka.partitions=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.collector.kafka")
				.hasMessageContaining("partitions"));
	}

	@Test
	void rejectsZeroStatsIntervalNamingTheProperty() {
		this.runner.withPropertyValues("envstream.collector.stats-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("statsInterval"));
	}

	@Test
	void rejectsZeroMaxLineBytesNamingTheProperty() {
		this.runner.withPropertyValues("envstream.collector.max-line-bytes=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("max-line-bytes must be positive"));
	}

	@Test
	void spacesTransactionsEightyMillisecondsApartByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(CollectorProperties.class).transactionInterval())
			.isEqualTo(Duration.ofMillis(80)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2s", "-1ms" })
	void rejectsATransactionIntervalOutsideZeroToOneSecondNamingTheProperty(String interval) {
		this.runner.withPropertyValues("envstream.collector.transaction-interval=" + interval)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("transactionInterval"));
	}

	@Test
	void bindsALabelSelectorOfCommaSeparatedTerms() {
		this.runner.withPropertyValues("envstream.collector.label-selector=envstream.bench.run=r42,team")
			.run((context) -> assertThat(context.getBean(CollectorProperties.class).selector().engineFilters())
				.containsExactly("envstream.environment", "envstream.bench.run=r42", "team"));
	}

	@Test
	void rejectsAMalformedLabelSelectorTermNamingIt() {
		this.runner.withPropertyValues("envstream.collector.label-selector=envstream.bench.run=r42,=oops")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.collector.label-selector: '=oops' is not a label term"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CollectorProperties.class)
	static class PropertiesConfiguration {

	}

}
