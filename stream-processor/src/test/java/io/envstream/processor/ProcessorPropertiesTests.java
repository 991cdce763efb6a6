package io.envstream.processor;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsDefaultsWhenNothingIsSet() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ProcessorProperties.class));
	}

	@Test
	void rejectsZeroBatchMaxLinesNamingTheProperty() {
		this.runner.withPropertyValues("envstream.processor.batch-max-lines=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.processor")
				.hasMessageContaining("batchMaxLines"));
	}

	@Test
	void rejectsNegativeBatchMaxWaitNamingTheProperty() {
		this.runner.withPropertyValues("envstream.processor.batch-max-wait=-1s")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("batchMaxWait"));
	}

	@Test
	void rejectsZeroPartitionsNamingTheProperty() {
		this.runner.withPropertyValues("envstream.processor.partitions=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("partitions"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProcessorProperties.class)
	static class PropertiesConfiguration {

	}

}
