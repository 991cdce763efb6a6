package io.envstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.envstream.processor.topology.BatchLimits;
import io.envstream.processor.topology.DropRule;
import io.envstream.processor.topology.RedactionRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stream-processor, {@code envstream.processor.*}.
 *
 * @param batchMaxLines a batch closes when it holds this many lines
 * @param batchMaxWait a batch closes when its first line is this old
 * @param batchMaxBytes a batch closes when its messages reach this size
 * @param retention how long persisted lines are kept in PostgreSQL
 * @param partitions partitions of the topics the processor creates
 * @param replicationFactor replication factor of the topics the processor creates
 * @param dropLines lines to drop, globally or per environment
 * @param redaction what to hide in the lines
 * @param topology the Kafka Streams part
 * @param persister the PostgreSQL part
 */
@ConfigurationProperties("envstream.processor")
@Validated
public record ProcessorProperties(
		@DefaultValue("100") @Positive int batchMaxLines,
		@DefaultValue("100ms") @NotNull @DurationMin(millis = 1) Duration batchMaxWait,
		@DefaultValue("256KB") @NotNull DataSize batchMaxBytes,
		@DefaultValue("7d") @NotNull @DurationMin(millis = 1) Duration retention,
		@DefaultValue("12") @Positive int partitions,
		@DefaultValue("1") @Positive @Max(Short.MAX_VALUE) int replicationFactor,
		@DefaultValue @Valid List<DropLine> dropLines,
		@DefaultValue @Valid Redaction redaction,
		@DefaultValue @Valid TopologySettings topology,
		@DefaultValue @Valid PersisterSettings persister) {

	public BatchLimits batchLimits() {
		return new BatchLimits(this.batchMaxLines, this.batchMaxWait, Math.max(1, this.batchMaxBytes.toBytes()));
	}

	public List<DropRule> dropRules() {
		return this.dropLines.stream().map(DropLine::toRule).toList();
	}

	/**
	 * A filter rule.
	 * @param pattern a regular expression found somewhere in a dropped line
	 * @param environment only drop in this environment; all when unset
	 */
	public record DropLine(@NotBlank String pattern, String environment) {

		public DropLine {
			compile(pattern);
		}

		DropRule toRule() {
			return new DropRule(Pattern.compile(this.pattern), this.environment);
		}

	}

	/**
	 * Redaction.
	 * @param defaults whether the built-in rules run (before the configured ones), multi-line private keys included
	 * @param rules more rules, applied in order
	 */
	public record Redaction(@DefaultValue("true") boolean defaults, @DefaultValue @Valid List<Rule> rules) {

		public List<RedactionRule> redactionRules() {
			List<RedactionRule> all = new ArrayList<>(this.defaults ? RedactionRule.defaults() : List.of());
			this.rules.forEach((rule) -> all.add(rule.toRule()));
			return all;
		}

		/**
		 * A redaction rule.
		 * @param name names the rule in metadata and metrics
		 * @param pattern a regular expression
		 * @param replacement what replaces each match ({@code $1} refers to a group)
		 */
		public record Rule(@NotBlank String name, @NotBlank String pattern,
				@DefaultValue(RedactionRule.REDACTED) @NotNull String replacement) {

			public Rule {
				compile(pattern);
			}

			RedactionRule toRule() {
				return new RedactionRule(this.name, Pattern.compile(this.pattern), this.replacement);
			}

		}

	}

	/**
	 * The Kafka Streams topology from envstream.logs.raw to envstream.logs.
	 * @param enabled whether this instance runs it
	 */
	public record TopologySettings(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * The persister from envstream.logs and envstream.environments to PostgreSQL.
	 * @param enabled whether this instance runs it
	 * @param concurrency consumers (threads) writing envstream.logs: while one writes to PostgreSQL, another
	 * decodes its next poll
	 * @param retryInitialInterval first wait before a failed database write is retried
	 * @param retryMaxInterval longest wait between retries (the wait doubles up to it; retries never stop)
	 * @param partitionsAhead daily partitions of log_entries kept ready beyond today
	 * @param maintenanceInterval how often partitions are created ahead and expired ones dropped
	 */
	public record PersisterSettings(@DefaultValue("true") boolean enabled,
			@DefaultValue("2") @Positive int concurrency,
			@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration retryInitialInterval,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration retryMaxInterval,
			@DefaultValue("7") @Positive int partitionsAhead,
			@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration maintenanceInterval) {

	}

	private static void compile(String pattern) {
		if (pattern == null) {
			return;
		}
		try {
			Pattern.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("not a valid regular expression: " + ex.getMessage(), ex);
		}
	}

}
