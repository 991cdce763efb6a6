package io.envstream.processor.topology;

/**
 * How much of a line the drop and redaction rules look at: a line longer than {@code maxChars} is matched on its
 * first {@code maxChars} characters and still delivered whole. Matching is linear in what it reads, so this bounds
 * the time one line can take, whatever a container prints.
 *
 * @param maxChars characters of a line the rules read
 */
public record ScanLimit(int maxChars) {

	public ScanLimit {
		if (maxChars <= 0) {
			throw new IllegalArgumentException("maxChars must be positive, not " + maxChars);
		}
	}

	/** The part of {@code line} the rules read. */
	String prefix(String line) {
		return cuts(line) ? line.substring(0, this.maxChars) : line;
	}

	/** Whether the rules read only a prefix of {@code line}. */
	boolean cuts(String line) {
		return line.length() > this.maxChars;
	}

}
