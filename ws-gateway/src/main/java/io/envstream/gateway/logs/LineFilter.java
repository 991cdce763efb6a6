package io.envstream.gateway.logs;

/**
 * What a client wants to see: one stream or both, and optionally lines matching a regex. Equal
 * filters (the same stream, the same regex text) share one serialization of each batch.
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

}
