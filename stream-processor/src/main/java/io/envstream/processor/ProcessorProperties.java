package io.envstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envstream.processor.topology.BatchLimits;
import io.envstream.processor.topology.DropRule;
import io.envstream.processor.topology.LineRules;
import io.envstream.processor.topology.RedactionRule;
import io.envstream.processor.topology.ScanLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stream-processor, {@code envstream.processor.*}.
 *
 * @param batchMaxLines a batch closes when it holds this many lines
 * @param batchMaxWait in a backlog, the length of the batch windows (while caught up a record's lines leave at once)
 * @param batchMaxBytes a batch closes when its messages reach this size
 * @param retention how long persisted lines are kept in PostgreSQL
 * @param partitions partitions of the topics the processor creates
 * @param replicationFactor replication factor of the topics the processor creates
 * @param dropLines lines to drop, globally or per environment
 * @param scanLimit lines longer than this many characters are matched by the drop and redaction rules on their
 * first this-many characters (matching time is linear in it) and still delivered whole
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
		@DefaultValue("" + LineRules.DEFAULT_SCAN_CHARS) @Positive int scanLimit,
		@DefaultValue @Valid Redaction redaction,
		@DefaultValue @Valid TopologySettings topology,
		@DefaultValue @Valid PersisterSettings persister) {

	public BatchLimits batchLimits() {
		return new BatchLimits(this.batchMaxLines, this.batchMaxWait, Math.max(1, this.batchMaxBytes.toBytes()));
	}

	public LineRules lineRules() {
		return new LineRules(this.dropLines.stream().map(DropLine::toRule).toList(),
				this.redaction.redactionRules(), this.redaction.privateKeyBlocks(), new ScanLimit(this.scanLimit));
	}

	/**
	 * A filter rule.
	 * @param pattern a regular expression (RE2 syntax) found somewhere in a dropped line
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
	 * @param disabled names of built-in rules that do not run ({@code private-key} also stops hiding multi-line
	 * keys)
	 * @param rules more rules, applied in order
	 */
	public record Redaction(@DefaultValue("true") boolean defaults, @DefaultValue List<String> disabled,
			@DefaultValue @Valid List<Rule> rules) {

		public Redaction {
			Set<String> known = new TreeSet<>(RedactionRule.defaults().stream().map(RedactionRule::name).toList());
			for (String name : disabled) {
				if (!known.contains(name)) {
					throw new IllegalArgumentException(
							"disabled: no built-in redaction rule is named '" + name + "'; the rules are " + known);
				}
			}
		}

		List<RedactionRule> redactionRules() {
			List<RedactionRule> all = new ArrayList<>();
			if (this.defaults) {
				RedactionRule.defaults()
					.stream()
					.filter((rule) -> !this.disabled.contains(rule.name()))
					.forEach(all::add);
			}
			this.rules.forEach((rule) -> all.add(rule.toRule()));
			return all;
		}

		boolean privateKeyBlocks() {
			return this.defaults && !this.disabled.contains(RedactionRule.PRIVATE_KEY);
		}

		/**
		 * A redaction rule.
		 * @param name names the rule in metadata and metrics
		 * @param pattern a regular expression (RE2 syntax: no backreferences or lookaround)
		 * @param replacement what replaces each match ({@code $1} refers to a group)
		 */
		public record Rule(@NotBlank String name, @NotBlank String pattern,
				@DefaultValue(RedactionRule.REDACTED) @NotNull String replacement) {

			public Rule {
				Pattern compiled = compile(pattern);
				if (compiled != null && replacement != null) {
					requireGroups(replacement, compiled.groupCount());
				}
			}

			/** A {@code $n} beyond the pattern's groups would fail on every line the pattern matches. */
			private static void requireGroups(String replacement, int groups) {
				com.google.re2j.Matcher reference = GROUP_REFERENCE.matcher(replacement);
				while (reference.find()) {
					if (Integer.parseInt(reference.group(1)) > groups) {
						throw new IllegalArgumentException("replacement '" + replacement + "' refers to group "
								+ reference.group(1) + " but the pattern has " + groups);
					}
				}
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
	 * @param partitionsAhead daily partitions of log_batches kept ready beyond today
	 * @param maintenanceInterval how often partitions are created ahead and expired ones dropped
	 * @param fetchWait how long the broker may hold a fetch of envstream.logs until a megabyte of batches is there:
	 * a poll, and so a database transaction, then carries more, and a line is stored up to this much later (0: no
	 * wait, a fetch is answered as soon as a batch is there)
	 */
	public record PersisterSettings(@DefaultValue("true") boolean enabled,
			@DefaultValue("2") @Positive int concurrency,
			@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration retryInitialInterval,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration retryMaxInterval,
			@DefaultValue("7") @Positive int partitionsAhead,
			@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration maintenanceInterval,
			@DefaultValue("200ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 5) Duration fetchWait) {

	}

	/** {@code $n} in a replacement (operator configuration, matched once at start-up). */
	private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$(\\d+)");

	private static Pattern compile(String pattern) {
		if (pattern == null) {
			return null;
		}
		try {
			return Pattern.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			// the message holds RE2's own: a cause would only repeat it further down the start-up failure
			throw new IllegalArgumentException(
					"not a valid RE2 regular expression (no backreferences or lookaround): " + ex.getMessage());
		}
	}

}
