package io.envstream.processor;

import java.time.Duration;

import io.envstream.processor.topology.LineRules;
import io.envstream.processor.topology.RedactionRule;
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
	void letsThePersistersFetchWaitUpTo200MillisecondsByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(ProcessorProperties.class).persister().fetchWait())
			.isEqualTo(Duration.ofMillis(200)));
	}

	@Test
	void rejectsAPersisterFetchWaitOverFiveSecondsNamingTheProperty() {
		this.runner.withPropertyValues("envstream.processor.persister.fetch-wait=6s")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("fetchWait"));
	}

	@Test
	void rejectsZeroPartitionsNamingTheProperty() {
		this.runner.withPropertyValues("envstream.processor.partitions=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("partitions"));
	}

	@Test
	void disabledBuiltInRulesDoNotRunAndPrivateKeyOffStopsTheBlocksToo() {
		this.runner
			.withPropertyValues("envstream.processor.redaction.disabled[0]=jwt",
					"envstream.processor.redaction.disabled[1]=private-key")
			.run((context) -> {
				LineRules rules = context.getBean(ProcessorProperties.class).lineRules();
				assertThat(rules.redaction()).extracting(RedactionRule::name)
					.contains("secret-assignment", "cookie")
					.doesNotContain("jwt", "private-key");
				assertThat(rules.privateKeyBlocks()).isFalse();
			});
	}

	@Test
	void rejectsDisablingARuleThatDoesNotExistListingTheRules() {
		this.runner.withPropertyValues("envstream.processor.redaction.disabled[0]=jwtt")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("no built-in redaction rule is named 'jwtt'")
				.hasMessageContaining("secret-assignment"));
	}

	@Test
	void operatorRuleRunsAfterTheBuiltInOnes() {
		this.runner
			.withPropertyValues("envstream.processor.redaction.rules[0].name=internal-host",
					"envstream.processor.redaction.rules[0].pattern=[a-z]+\\.corp",
					"envstream.processor.redaction.rules[0].replacement=<host>")
			.run((context) -> assertThat(context.getBean(ProcessorProperties.class).lineRules().redaction())
				.extracting(RedactionRule::name)
				.endsWith("private-key", "internal-host"));
	}

	@Test
	void rejectsARuleWithABackreferenceSayingRe2CannotExpressIt() {
		this.runner
			.withPropertyValues("envstream.processor.redaction.rules[0].name=twice",
					"envstream.processor.redaction.rules[0].pattern=(a)\\1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("not a valid RE2 regular expression")
				.hasMessageContaining("\\1"));
	}

	@Test
	void rejectsAReplacementReferringToAGroupThePatternLacks() {
		this.runner
			.withPropertyValues("envstream.processor.redaction.rules[0].name=broken",
					"envstream.processor.redaction.rules[0].pattern=(a)b",
					"envstream.processor.redaction.rules[0].replacement=$2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("refers to group 2 but the pattern has 1"));
	}

	@Test
	void rejectsANonPositiveScanLimit() {
		this.runner.withPropertyValues("envstream.processor.scan-limit=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("scanLimit"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProcessorProperties.class)
	static class PropertiesConfiguration {

	}

}
