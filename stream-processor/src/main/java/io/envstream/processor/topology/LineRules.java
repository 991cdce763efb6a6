package io.envstream.processor.topology;

import java.util.List;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the topology does to each line before batching it.
 *
 * @param drop lines to drop
 * @param redaction what to hide in the lines that remain, in order
 * @param privateKeyBlocks whether lines inside a multi-line PEM private key block are hidden
 * @param scanLimit how much of a long line the drop and redaction rules read
 */
public record LineRules(List<DropRule> drop, List<RedactionRule> redaction, boolean privateKeyBlocks,
		ScanLimit scanLimit) {

	/** The default scan limit: 64 Ki characters, far beyond a usual line, a few milliseconds of matching at most. */
	public static final int DEFAULT_SCAN_CHARS = 64 * 1024;

	public LineRules {
		drop = List.copyOf(drop);
		redaction = List.copyOf(redaction);
	}

	/** The built-in redaction rules, private key blocks included, no drop rule, the default scan limit. */
	public static LineRules defaults() {
		return new LineRules(List.of(), RedactionRule.defaults(), true, new ScanLimit(DEFAULT_SCAN_CHARS));
	}

	/** A cleaner for one task; {@code privateKeyBlocksStore} keeps which streams are inside a key. */
	LineCleaner cleaner(KeyValueStore<String, Integer> privateKeyBlocksStore, TopologyMetrics metrics) {
		PrivateKeyBlocks blocks = this.privateKeyBlocks ? new PrivateKeyBlocks(privateKeyBlocksStore, this.scanLimit)
				: null;
		return new LineCleaner(new LineFilter(this.drop), new Redactor(this.redaction, this.scanLimit), blocks,
				this.scanLimit, metrics);
	}

}
