package io.envstream.processor.topology;

import java.util.HashMap;
import java.util.Map;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hides PEM private keys written over several lines: from a {@code -----BEGIN ... PRIVATE KEY-----} line, every
 * line of the same container and stream is replaced until the matching END line. Which streams are inside a
 * block is kept in a state store (so a restart in the middle of a key keeps hiding it) and mirrored in memory
 * (so the common case, outside any block, costs one map look-up). A block that never ends stops being hidden
 * after {@value #MAX_BLOCK_LINES} lines: a real key is far shorter, and the stream must not be blanked forever.
 * Markers are looked for within the scan limit, and only in lines that contain {@value #MARKER_END} at all.
 */
final class PrivateKeyBlocks {

	static final String RULE = RedactionRule.PRIVATE_KEY;

	private static final String MARKER_END = "PRIVATE KEY-----";

	static final int MAX_BLOCK_LINES = 200;

	private static final Pattern BEGIN = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");

	private static final Pattern END = Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");

	private final KeyValueStore<String, Integer> store;

	private final Map<String, Integer> linesInside = new HashMap<>();

	private final ScanLimit limit;

	PrivateKeyBlocks(KeyValueStore<String, Integer> store, ScanLimit limit) {
		this.store = store;
		this.limit = limit;
		try (KeyValueIterator<String, Integer> all = store.all()) {
			all.forEachRemaining((entry) -> this.linesInside.put(entry.key, entry.value));
		}
	}

	/** The line with any part of a private key block replaced; {@code stream} is container id and stream. */
	Redactor.Redacted redact(String stream, Redactor.Redacted line) {
		String message = line.message();
		String scanned = this.limit.prefix(message);
		boolean marked = scanned.contains(MARKER_END);
		Integer inside = this.linesInside.get(stream);
		if (inside != null) {
			Matcher end = marked ? END.matcher(scanned) : null;
			if (end != null && end.find()) {
				leave(stream);
				return line.with(RULE, RedactionRule.REDACTED + message.substring(end.end()));
			}
			if (inside >= MAX_BLOCK_LINES) {
				leave(stream);
				return line;
			}
			enter(stream, inside + 1);
			return line.with(RULE, RedactionRule.REDACTED);
		}
		if (!marked) {
			return line;
		}
		Matcher begin = BEGIN.matcher(scanned);
		if (begin.find() && !END.matcher(scanned).find(begin.end())) {
			enter(stream, 1);
			return line.with(RULE, message.substring(0, begin.start()) + RedactionRule.REDACTED);
		}
		return line;
	}

	private void enter(String stream, int lines) {
		this.linesInside.put(stream, lines);
		this.store.put(stream, lines);
	}

	private void leave(String stream) {
		this.linesInside.remove(stream);
		this.store.put(stream, null);
	}

}
