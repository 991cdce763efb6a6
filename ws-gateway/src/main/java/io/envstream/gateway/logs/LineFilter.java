package io.envstream.gateway.logs;

import java.util.Objects;

/**
 * What a client wants to see: one stream or both, and optionally lines matching a regex. Equal
 * filters share one serialization of each batch.
 * @param stream {@code stdout}, {@code stderr}, or {@code null} for both
 * @param grep the regex, or {@code null}
 */
record LineFilter(String stream, GrepPattern grep) {

	static final LineFilter ALL = new LineFilter(null, null);

	boolean accepts(String lineStream, String message) {
		return (this.stream == null || this.stream.equals(lineStream)) && (this.grep == null || this.grep.find(message));
	}

	LineFilter withStream(String stream) {
		return new LineFilter(stream, this.grep);
	}

	LineFilter withGrep(GrepPattern grep) {
		return new LineFilter(this.stream, grep);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LineFilter that && Objects.equals(this.stream, that.stream)
				&& this.grep == that.grep;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.stream, System.identityHashCode(this.grep));
	}

}
