package io.envstream.processor.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hides PEM private keys written over several lines: from a {@code -----BEGIN ... PRIVATE KEY-----} line, every
 * line of the same container and stream is replaced until the matching END line. Which streams are inside a
 * block is kept in a state store (so a restart in the middle of a key keeps hiding it) and mirrored in memory
 * (so the common case, outside any block, costs one map look-up). A block that never ends stops being hidden
 * after {@value #MAX_BLOCK_LINES} lines: a real key is far shorter, and the stream must not be blanked forever.
 */
final class PrivateKeyBlocks {

	static final String RULE = "private-key";

	static final int MAX_BLOCK_LINES = 200;

	private static final Pattern BEGIN = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");

	private static final Pattern END = Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");

	private final KeyValueStore<String, Integer> store;

	private final Map<String, Integer> linesInside = new HashMap<>();

	PrivateKeyBlocks(KeyValueStore<String, Integer> store) {
		this.store = store;
		try (KeyValueIterator<String, Integer> all = store.all()) {
			all.forEachRemaining((entry) -> this.linesInside.put(entry.key, entry.value));
		}
	}

	/** The line with any part of a private key block replaced; {@code stream} is container id and stream. */
	Redactor.Redacted redact(String stream, Redactor.Redacted line) {
		String message = line.message();
		Integer inside = this.linesInside.get(stream);
		if (inside != null) {
			Matcher end = END.matcher(message);
			if (end.find()) {
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
		Matcher begin = BEGIN.matcher(message);
		if (begin.find() && !END.matcher(message).find(begin.end())) {
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
